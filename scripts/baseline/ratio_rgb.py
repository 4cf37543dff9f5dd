#!/usr/bin/python3
"""The script a research group writes before it has dect: pydicom + numpy, the ratio rule, an RGB series.

It is the yardstick of issue 20's speed target (docs/performance.md, "Against a pydicom script"), written
the way such scripts are written, vectorised with numpy and nothing slower than it needs to be:
read both series, sort by position, rescale to HU, label each voxel with the ratio rule
(150 <= HU_low <= 500; urate when HU_low / HU_high < cut-off, calcium otherwise), and write one RGB
Secondary Capture per slice, the low-kVp image in grey with urate green and calcium purple.

    /usr/bin/python3 scripts/baseline/ratio_rgb.py LOW_DIR HIGH_DIR OUT_DIR [CUTOFF, default 1.44: 80/Sn150]
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"


def read_series(folder):
    slices = [pydicom.dcmread(os.path.join(folder, name)) for name in os.listdir(folder)]
    slices.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
    hu = np.stack([ds.pixel_array.astype(np.float32) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
                   for ds in slices])
    return slices, hu


def main(low_dir, high_dir, out_dir, cutoff):
    low_slices, low = read_series(low_dir)
    _, high = read_series(high_dir)
    if low.shape != high.shape:
        sys.exit("the two series differ in size")

    window = (low >= 150) & (low <= 500)
    urate = window & (low < cutoff * high)
    calcium = window & ~urate

    grey = (np.clip((low + 160) / 400, 0, 1) * 255).astype(np.uint8)
    rgb = np.repeat(grey[..., None], 3, axis=-1)
    rgb[urate] = (0, 255, 0)
    rgb[calcium] = (160, 32, 240)

    os.makedirs(out_dir, exist_ok=True)
    series = generate_uid()
    for i, source in enumerate(low_slices):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = SECONDARY_CAPTURE
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        for keyword in ("PatientName", "PatientID", "StudyInstanceUID", "StudyDate", "FrameOfReferenceUID",
                        "ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing", "SliceThickness"):
            if keyword in source:
                setattr(ds, keyword, getattr(source, keyword))
        ds.SOPClassUID = SECONDARY_CAPTURE
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.SeriesInstanceUID = series
        ds.Modality = "OT"
        ds.SeriesNumber = 100
        ds.InstanceNumber = i + 1
        ds.SeriesDescription = "DECT ratio rule"
        ds.Rows, ds.Columns = rgb.shape[1], rgb.shape[2]
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "RGB"
        ds.PlanarConfiguration = 0
        ds.BitsAllocated = 8
        ds.BitsStored = 8
        ds.HighBit = 7
        ds.PixelRepresentation = 0
        ds.PixelData = rgb[i].tobytes()
        ds.is_little_endian = True
        ds.is_implicit_VR = False
        ds.save_as(os.path.join(out_dir, "%04d.dcm" % (i + 1)), write_like_original=False)
    print("urate voxels %d, calcium voxels %d" % (urate.sum(), calcium.sum()))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) == 5 else 1.44)
