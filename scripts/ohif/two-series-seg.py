# The SEG as dect wrote it before issue 18's fix: every frame derived from both the low- and the high-kVp
# slice, and both series referenced. A negative control for scripts/ohif-check.sh.
import sys, glob, copy, pydicom
seg = pydicom.dcmread(sys.argv[1])
high = {}
for f in glob.glob(sys.argv[2] + '/*.dcm'):
    d = pydicom.dcmread(f, stop_before_pixels=True)
    high[round(float(d.ImagePositionPatient[2]), 3)] = d
low_series = seg.ReferencedSeriesSequence[0]
hs = copy.deepcopy(low_series)
hd = next(iter(high.values()))
hs.SeriesInstanceUID = hd.SeriesInstanceUID
hs.ReferencedInstanceSequence = pydicom.Sequence()
for d in high.values():
    it = pydicom.Dataset(); it.ReferencedSOPClassUID = d.SOPClassUID; it.ReferencedSOPInstanceUID = d.SOPInstanceUID
    hs.ReferencedInstanceSequence.append(it)
seg.ReferencedSeriesSequence.insert(0, hs)  # the high series first
for fr in seg.PerFrameFunctionalGroupsSequence:
    z = round(float(fr.PlanePositionSequence[0].ImagePositionPatient[2]), 3)
    d = high[z]
    src = fr.DerivationImageSequence[0].SourceImageSequence
    it = copy.deepcopy(src[0]); it.ReferencedSOPClassUID = d.SOPClassUID; it.ReferencedSOPInstanceUID = d.SOPInstanceUID
    src.insert(0, it)
seg.SOPInstanceUID = pydicom.uid.generate_uid(); seg.SeriesInstanceUID = pydicom.uid.generate_uid()
seg.file_meta.MediaStorageSOPInstanceUID = seg.SOPInstanceUID
seg.save_as(sys.argv[3])
