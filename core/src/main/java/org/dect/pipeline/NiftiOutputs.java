package org.dect.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dect.OutputException;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.format.NiftiWriter;
import org.dect.study.DualEnergyVolumes;
import org.dect.volume.VolumeGeometry;

/**
 * nifti/: the labels and the two amount maps for the tools that read volumes, not DICOM series (3D
 * Slicer, ITK-SNAP, nibabel, FSL), in the scan's patient coordinates. ITK-based tools read the fused
 * and map Secondary Capture series with origin 0 and spacing 1, since those attributes are not part of
 * Secondary Capture: these files are what such users should load.
 *
 * <ul>
 * <li>labels.nii.gz, uint8: 0 none, 1 urate, 2 calcium, 3 bone, 4 indeterminate (the SEG's segments, voxel for voxel)</li>
 * <li>urate.nii.gz, ha.nii.gz, int16 with scl_slope: the amounts (% w/w, mg/cm³) of the DICOM maps
 *     ({@link MaterialAmounts})</li>
 * </ul>
 */
final class NiftiOutputs {

    static final double URATE_STEP = 0.1;
    static final double HA_STEP = 0.5;

    private NiftiOutputs() { }

    static Map<String, Object> write(DualEnergyVolumes volumes, DecompositionResult result, String what, Path dir) {
        VolumeGeometry g = volumes.low().geometry();
        TwoMaterialBasis basis = TwoMaterialBasis.of(result.preset());
        try {
            Files.createDirectories(dir);
            NiftiWriter.write(dir.resolve("labels.nii.gz"), g, NiftiWriter.Type.UINT8, z -> result.labels()[z], 1, 0,
                    "dect labels 0 none 1 urate 2 calcium 3 bone 4 indeterminate");
            for (boolean urate : new boolean[] {true, false}) {
                double step = urate ? URATE_STEP : HA_STEP;
                NiftiWriter.write(dir.resolve(urate ? "urate.nii.gz" : "ha.nii.gz"), g, NiftiWriter.Type.INT16,
                        z -> amounts(volumes, basis, z, urate, step), step, 0,
                        (urate ? "dect urate % w/w" : "dect HA mg/cm3") + ", two-material, unsmoothed (" + what + ")");
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write " + dir + ": " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", "nifti/labels.nii.gz");
        out.put("urate", "nifti/urate.nii.gz");
        out.put("ha", "nifti/ha.nii.gz");
        out.put("label_values", Map.of("0", "none", "1", "urate", "2", "calcium", "3", "bone", "4", "indeterminate"));
        out.put("urate_unit", "% w/w");
        out.put("ha_unit", "mg/cm3");
        return out;
    }

    private static short[] amounts(DualEnergyVolumes volumes, TwoMaterialBasis basis, int z, boolean urate, double step) {
        float[] a = MaterialAmounts.of(volumes, basis, z, urate);
        short[] out = new short[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(a[i] / step)));
        }
        return out;
    }
}
