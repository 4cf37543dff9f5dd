package org.dect.lesion;

import org.dect.decompose.Labels;
import org.dect.volume.HuVolume;

/**
 * Removes urate calls where artefacts, not urate, are the likely cause (Mallinson 2014, AJR: artefacts
 * in 90 % of patients, nail bed and skin most common): a rim under the skin surface, and a margin
 * around cortical bone, where partial volume and beam hardening mimic a low dual-energy ratio.
 * Calcium calls are kept: calcinosis cutis lives in the skin. Distances are in-plane, measured with a
 * 3-4 chamfer transform in millimetres.
 */
public final class Exclusions {

    /** Low-kVp HU below which a voxel is outside the body (air is −1000, fat about −120). */
    public static final int BODY_HU = -300;
    /** Low-kVp HU above which a voxel is cortical bone (cortex 1700–2000 HU, trabecular bone about 450). */
    public static final int CORTEX_HU = 700;

    private Exclusions() { }

    /** Clears urate labels within {@code rimMm} of the outside and within {@code boneMm} of cortex; returns voxels cleared. */
    public static long apply(byte[][] labels, HuVolume low, double rimMm, double boneMm, int threads) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        double pixel = Math.min(low.geometry().rowSpacing(), low.geometry().columnSpacing());
        long[] cleared = new long[labels.length];
        Slabs.forEachSlice(labels.length, threads, z -> {
            byte[] lab = labels[z];
            if (!contains(lab, Labels.URATE)) {
                return;
            }
            short[] hu = low.slices()[z];
            boolean[] outside = new boolean[hu.length];
            boolean[] cortex = new boolean[hu.length];
            for (int i = 0; i < hu.length; i++) {
                outside[i] = hu[i] < BODY_HU;
                cortex[i] = hu[i] > CORTEX_HU;
            }
            float[] toOutside = rimMm > 0 ? distance(outside, columns, rows, pixel) : null;
            float[] toCortex = boneMm > 0 ? distance(cortex, columns, rows, pixel) : null;
            for (int i = 0; i < lab.length; i++) {
                if (lab[i] == Labels.URATE && ((toOutside != null && toOutside[i] < rimMm)
                        || (toCortex != null && toCortex[i] <= boneMm))) {
                    lab[i] = Labels.NONE;
                    cleared[z]++;
                }
            }
        });
        long total = 0;
        for (long c : cleared) {
            total += c;
        }
        return total;
    }

    private static boolean contains(byte[] labels, byte value) {
        for (byte b : labels) {
            if (b == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * In-plane distance (mm) from each pixel to the nearest pixel of {@code mask}, by the two-pass
     * 3-4 chamfer transform (Borgefors 1986), scaled so that 3 is one pixel: within 8 % of Euclidean.
     */
    static float[] distance(boolean[] mask, int columns, int rows, double pixel) {
        int n = mask.length;
        int[] d = new int[n];
        int far = Integer.MAX_VALUE / 2;
        for (int i = 0; i < n; i++) {
            d[i] = mask[i] ? 0 : far;
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = y * columns + x;
                int v = d[i];
                if (x > 0) {
                    v = Math.min(v, d[i - 1] + 3);
                }
                if (y > 0) {
                    v = Math.min(v, d[i - columns] + 3);
                    if (x > 0) {
                        v = Math.min(v, d[i - columns - 1] + 4);
                    }
                    if (x < columns - 1) {
                        v = Math.min(v, d[i - columns + 1] + 4);
                    }
                }
                d[i] = v;
            }
        }
        for (int y = rows - 1; y >= 0; y--) {
            for (int x = columns - 1; x >= 0; x--) {
                int i = y * columns + x;
                int v = d[i];
                if (x < columns - 1) {
                    v = Math.min(v, d[i + 1] + 3);
                }
                if (y < rows - 1) {
                    v = Math.min(v, d[i + columns] + 3);
                    if (x < columns - 1) {
                        v = Math.min(v, d[i + columns + 1] + 4);
                    }
                    if (x > 0) {
                        v = Math.min(v, d[i + columns - 1] + 4);
                    }
                }
                d[i] = v;
            }
        }
        float[] mm = new float[n];
        for (int i = 0; i < n; i++) {
            mm[i] = (float) (d[i] * pixel / 3);
        }
        return mm;
    }
}
