package org.dect.lesion;

import java.util.List;

/**
 * The measured burden: total urate and calcium volume and every deposit. The report serialises it with
 * top-level names {@code urate_volume_ml} and {@code calcium_volume_ml}. Bone is calcium too, but not a
 * deposit: its volume is counted apart and in neither total.
 */
public record Quantification(double urateVolumeMl, double calciumVolumeMl, double boneVolumeMl, List<Lesion> lesions) {

    public long count(byte material) {
        return lesions.stream().filter(l -> l.material() == material).count();
    }
}
