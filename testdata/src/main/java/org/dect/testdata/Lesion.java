package org.dect.testdata;

/**
 * One deposit (or, in the calibration phantom, one insert rod) of the phantom, with what it truly is.
 *
 * @param concentration % w/w MSU for urate, mg/cm³ hydroxyapatite for calcium, unused for tissues
 * @param site where in the extremity it sits, e.g. "dorsal tendon sheath"
 */
public record Lesion(int id, Material material, double concentration, String site, Shape shape) {

    public enum Material { URATE, CALCIUM, SOFT_TISSUE, FAT }
}
