package org.dect.pipeline;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a run can write; {@code --outputs} picks a set. */
public enum OutputKind {
    /** fused/: RGB Secondary Capture, one image per source slice. */
    FUSED,
    /** seg/segmentation.dcm: binary DICOM SEG with urate and calcium segments. */
    SEG,
    /** overlay/: CT copies of the low-kVp slices with overlay planes 6000 (urate) and 6002 (calcium). */
    OVERLAY,
    /** maps/urate and maps/ha: the amounts per voxel as greyscale series with Real World Value Mapping. */
    MAPS,
    /** report.json, lesions.csv, montage.png, scatter.png. */
    REPORT,
    /** nifti/labels.nii.gz, nifti/urate.nii.gz, nifti/ha.nii.gz: the labels and the amounts in patient coordinates (RAS). */
    NIFTI;

    public static Set<OutputKind> parse(String text) {
        Set<OutputKind> set = EnumSet.noneOf(OutputKind.class);
        for (String part : text.split(",")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("ALL")) {
                return EnumSet.allOf(OutputKind.class);
            }
            try {
                set.add(valueOf(p));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown output '" + part.trim() + "'; known: fused, seg, overlay, maps, report, nifti, all");
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("--outputs names nothing to write");
        }
        return set;
    }
}
