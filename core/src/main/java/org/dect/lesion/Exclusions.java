package org.dect.lesion;

import java.util.ArrayList;
import java.util.List;

import org.dect.Bytes;
import org.dect.Parallel;
import org.dect.decompose.Labels;
import org.dect.volume.HuVolume;

/**
 * Removes urate calls where artefacts, not urate, are the likely cause (Mallinson 2014, AJR: artefacts
 * in 90 % of patients, nail bed and skin most common): a rim under the skin surface, and a margin
 * around cortical bone, where partial volume and beam hardening mimic a low dual-energy ratio.
 * Calcium calls are kept: calcinosis cutis lives in the skin. Distances are in-plane and Euclidean,
 * between voxel centres; each urate voxel looks at the disc of pixels around it, which costs little
 * because urate voxels are few. For bone the disc is looked at in the slices before and after too, as
 * far as the slice profile reaches: it blurs the end of a bone, or the flat cap of a femur across a
 * knee's joint space, into slices where the in-plane disc finds no cortex, and a few voxels there mix
 * cortex with soft tissue to a ratio near urate's.
 */
public final class Exclusions {

    /** Low-kVp HU below which a voxel is outside the body (air is −1000, fat about −120). */
    public static final int BODY_HU = -300;
    /** Low-kVp HU above which a voxel is cortical bone (cortex 1700–2000 HU, trabecular bone about 450). */
    public static final int CORTEX_HU = 700;

    private Exclusions() { }

    /**
     * Clears urate labels closer than {@code rimMm} to the outside or within {@code boneMm} of cortex in
     * their own slice or within {@code boneSlices} slices of it; returns voxels cleared.
     */
    public static long apply(byte[][] labels, HuVolume low, double rimMm, double boneMm, int boneSlices, int threads) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int[][] rim = disc(rimMm, low.geometry().columnSpacing(), low.geometry().rowSpacing(), false);
        // However fine the margin asked for, the voxels touching cortex (diagonals too) are within it:
        // their share of cortex, blurred by the scanner, is the artefact the margin is for.
        double touching = boneMm > 0 ? Math.hypot(low.geometry().columnSpacing(), low.geometry().rowSpacing()) : 0;
        int[][] bone = disc(Math.max(boneMm, touching), low.geometry().columnSpacing(), low.geometry().rowSpacing(), true);
        long[] cleared = new long[labels.length];
        Parallel.forEach(labels.length, threads, z -> {
            byte[] lab = labels[z];
            short[] hu = low.slices()[z];
            for (int i = Bytes.nextNonZero(lab, 0); i < lab.length; i = Bytes.nextNonZero(lab, i + 1)) {
                if (lab[i] == Labels.URATE && (near(hu, i, columns, rows, rim, true) || nearBone(low, z, i, boneSlices, bone))) {
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

    /** Whether cortex lies within the disc around voxel i of slice z or of the slices within {@code slices} of it. */
    private static boolean nearBone(HuVolume low, int z, int i, int slices, int[][] disc) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        for (int zz = Math.max(0, z - slices); zz <= Math.min(low.geometry().slices() - 1, z + slices); zz++) {
            if (near(low.slices()[zz], i, columns, rows, disc, false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a pixel of the disc around i is outside the body ({@code outside}) or cortical bone. */
    static boolean near(short[] hu, int i, int columns, int rows, int[][] disc, boolean outside) {
        int x = i % columns;
        int y = i / columns;
        for (int[] d : disc) {
            int xx = x + d[0];
            int yy = y + d[1];
            if (xx < 0 || yy < 0 || xx >= columns || yy >= rows) {
                if (outside) {
                    return true; // the image edge counts as outside
                }
                continue;
            }
            int v = hu[yy * columns + xx];
            if (outside ? v < BODY_HU : v > CORTEX_HU) {
                return true;
            }
        }
        return false;
    }

    /** Pixel offsets within {@code mm} of the centre: closer than mm, or up to and including it when {@code inclusive}. */
    static int[][] disc(double mm, double columnSpacing, double rowSpacing, boolean inclusive) {
        List<int[]> out = new ArrayList<>();
        if (mm <= 0) {
            return new int[0][];
        }
        int rx = (int) Math.ceil(mm / columnSpacing);
        int ry = (int) Math.ceil(mm / rowSpacing);
        for (int dy = -ry; dy <= ry; dy++) {
            for (int dx = -rx; dx <= rx; dx++) {
                double d = Math.hypot(dx * columnSpacing, dy * rowSpacing);
                if (inclusive ? d <= mm : d < mm) {
                    out.add(new int[] {dx, dy});
                }
            }
        }
        return out.toArray(new int[0][]);
    }
}
