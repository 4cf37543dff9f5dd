package org.dect.volume;

/**
 * CT numbers in Hounsfield units, rounded to whole HU and stored as one {@code short[]} per slice
 * (x fastest). Whole HU keep a 512×512×1000 pair in 1 GiB; CT noise (≥ 10 HU) dwarfs the rounding.
 * Slice z is the z-th position of the geometry, in increasing order along its normal.
 */
public record HuVolume(VolumeGeometry geometry, short[][] slices) {

    public HuVolume {
        int expected = geometry.columns() * geometry.rows();
        if (slices.length != geometry.slices()) {
            throw new IllegalArgumentException(slices.length + " slices for a geometry of " + geometry.slices());
        }
        for (short[] s : slices) {
            if (s.length != expected) {
                throw new IllegalArgumentException("slice of " + s.length + " voxels, expected " + expected);
            }
        }
    }

    public short get(int x, int y, int z) {
        return slices[z][y * geometry.columns() + x];
    }
}
