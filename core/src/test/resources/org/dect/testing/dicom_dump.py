"""Dumps DICOM files as pydicom reads them, for comparing two writers' outputs: every element by keyword
(tag for unknown ones), nested sequences as lists; values that differ by nature between runs are masked:
UIDs (but SOP class and transfer syntax UIDs), dates and times, and the writer's implementation identity.
Bulk values (pixel data, overlay data) become their length and SHA-256."""
import hashlib, json, sys
import pydicom

KEEP_UIDS = {"SOPClassUID", "MediaStorageSOPClassUID", "ReferencedSOPClassUID", "TransferSyntaxUID"}
SKIP = {"ImplementationClassUID", "ImplementationVersionName", "SourceApplicationEntityTitle",
        "FileMetaInformationGroupLength", "FileMetaInformationVersion"}
BULK = {"OB", "OW", "OF", "OD", "OL", "OV", "UN"}


def value(elem):
    if elem.VR == "SQ":
        return [dataset(item) for item in elem.value]
    if elem.VR in BULK:
        raw = elem.value if isinstance(elem.value, bytes) else bytes(elem.value)
        return {"length": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
    if elem.VR == "UI" and elem.keyword not in KEEP_UIDS:
        return "<uid>" if elem.value else ""
    if elem.VR in ("DA", "TM", "DT"):
        return "<time>" if elem.value else ""
    v = elem.value
    if isinstance(v, (list, tuple, pydicom.multival.MultiValue)):
        return [str(x) for x in v]
    return str(v) if v is not None else None


def dataset(ds):
    out = {}
    for elem in ds:
        name = elem.keyword or str(elem.tag)
        if name in SKIP:
            continue
        out[name] = value(elem)
    return out


def main():
    files = {}
    for path in sys.argv[2:]:
        ds = pydicom.dcmread(path)
        d = dataset(ds.file_meta)
        d.update(dataset(ds))
        key = "%s/%s" % (ds.get("SeriesNumber", ""), ds.get("InstanceNumber", ""))
        files[key] = d
    with open(sys.argv[1], "w") as f:
        json.dump(files, f, indent=1, sort_keys=True)


main()
