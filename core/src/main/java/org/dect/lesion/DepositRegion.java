package org.dect.lesion;

import org.dect.decompose.Labels;
import org.dect.volume.HuVolume;
import org.dect.volume.VoxelSet;

/**
 * A deposit's voxels as the statistics see them. The <b>component</b> is what the labels made of it.
 * Its <b>core</b> is where it is wholly deposit, with no partial volume: the interior (voxels whose six
 * face neighbours are in too) of the voxels at least half as bright as the core. The labels alone do
 * not give it: a dense deposit is labelled out to where a tenth of a voxel is deposit, and the interior
 * of that still holds its edge. So the core starts as the component's interior and is made again from
 * the half-maximum of a 3×3×3 mean, {@value #CORE_ROUNDS} times (the whole component when it is too
 * thin to have {@value #MIN_CORE} voxels inside).
 * Its <b>region</b> adds a shell around the component, {@value #SHELL_XY} voxels in-plane and one slice
 * along z, which catches the deposit's edge where partial volume and the scanner's blur took it below
 * the labelling threshold: summed over the region, a deposit's signal is all there, whatever the
 * threshold and the blur.
 *
 * <p>The shell holds only tissue the deposit could have spilled into: voxels labelled nothing (not
 * another deposit, not bone) whose 3×3×3 mean at low kVp is not something far brighter than the
 * deposit's own core (bone, a neighbouring calcium deposit), nor air. Means of 27 voxels, not the voxels
 * themselves, so that the noise of soft tissue does not decide which of its voxels are in.
 *
 * <p>Each voxel of the region has a <b>background</b>, what the deposit displaced there: soft tissue
 * for most, fat at the edge of a subcutaneous tophus or around calcinosis in a fingertip's fat pad. A
 * ring of tissue beyond the shell tells which: each ring voxel is fat or soft tissue by its 3×3×3 mean,
 * and a region voxel's background is soft tissue + g·(fat − soft tissue), g the share of fat among the
 * ring voxels nearest to it (within {@value #NEAR_XY} voxels; none near, soft tissue). A choice between two references the scan
 * measured precisely, by neighbourhoods that noise rarely misclassifies: a deposit wholly in soft
 * tissue is measured against soft tissue exactly, not against the noise of its ring.
 *
 * <p>The tests (is the deposit there, and what is it made of) sum over a <b>test region</b> without
 * fat: component and shell, less the shell voxels whose 3×3×3 mean is nearer fat than soft tissue,
 * measured against soft tissue alone, the shell's voxels weighted {@value #SHELL_WEIGHT}: they hold a
 * fraction of the deposit at most and all of the noise, and a weight near their mean share (with noise
 * known from the noise model, any fixed weight keeps the tests exact) lets them take back the noise
 * that chose the labels without drowning a small deposit's signal. What a deposit is made of shows against the tissue it grew in;
 * against fat, every deposit would gain the difference of soft tissue and fat, whose dual-energy ratio
 * (1.4 at 80/Sn150) lies between urate's and calcium's.
 *
 * @param testRegion  the tests' region
 * @param testWeight  each of its voxels' weight in the tests: 1 in the deposit, {@value #SHELL_WEIGHT} in the shell
 * @param testExcess  [Σ weight·(HU_L − soft tissue), the same at high kVp] over it
 * @param low         low-kVp HU of the region's voxels, in the region's order
 * @param high        high-kVp HU likewise
 * @param fatShare    g of each region voxel
 * @param softTissue  [low, high] HU of soft tissue
 * @param fat         [low, high] HU of fat (NaN when the scan had none: g is then 0 throughout)
 */
record DepositRegion(VoxelSet component, VoxelSet core, VoxelSet region, VoxelSet testRegion, double[] testWeight,
                     double[] testExcess, double[] coreSum,
                     double[] low, double[] high, double[] fatShare, double[] softTissue, double[] fat) {

    static final int MIN_CORE = 4;
    static final int CORE_ROUNDS = 3;
    static final int SHELL_XY = 2;
    static final double SHELL_WEIGHT = 0.5;
    static final int RING_XY = 4;
    static final int NEAR_XY = 4;
    /** A slice away counts as this many pixels squared when looking for the nearest ring voxel (slices are a little thicker). */
    static final double SLICE_WEIGHT = 1.6;
    /** A shell voxel whose neighbourhood is this many times further above soft tissue than the core is, is something else. */
    static final double BRIGHTER_THAN_CORE = 1.5;
    /** Low-kVp HU below which a neighbourhood is air. */
    static final double AIR_HU = -300;

    /**
     * @param labels     the labels as the components were found (other deposits and bone are neither shell nor ring)
     * @param softTissue [low, high] HU of the scan's soft tissue
     * @param fat        [low, high] HU of the scan's fat (NaN when not found)
     */
    static DepositRegion of(VoxelSet labelled, byte[][] labels, HuVolume lowVolume, HuVolume highVolume, double[] softTissue,
                            double[] fat, int shellXy) {
        VoxelSet core = core(labelled, lowVolume, highVolume, softTissue);
        double[] coreSum = sums(core, lowVolume, highVolume);
        double[] contrast = {coreSum[0] / core.size() - softTissue[0], coreSum[1] / core.size() - softTissue[1]};
        double ceiling = softTissue[0] + BRIGHTER_THAN_CORE * Math.max(contrast[0], 0);
        VoxelSet component = grown(labelled, labels, lowVolume, highVolume, softTissue, contrast, ceiling);
        VoxelSet shell = around(component, null, shellXy, 1, labels, lowVolume, ceiling);
        VoxelSet.Builder b = new VoxelSet.Builder();
        for (int i = 0; i < component.size(); i++) {
            b.add(component.x(i), component.y(i), component.z(i));
        }
        for (int i = 0; i < shell.size(); i++) {
            b.add(shell.x(i), shell.y(i), shell.z(i));
        }
        VoxelSet region = b.build();
        // The tests' region leaves fat out: what a deposit is made of shows against the soft tissue it grew in.
        double fatFloor = Double.isNaN(fat[0]) ? AIR_HU : (softTissue[0] + fat[0]) / 2;
        VoxelSet.Builder t = new VoxelSet.Builder();
        for (int i = 0; i < component.size(); i++) {
            t.add(component.x(i), component.y(i), component.z(i));
        }
        for (int i = 0; i < shell.size(); i++) {
            if (localMean(lowVolume, shell.x(i), shell.y(i), shell.z(i)) >= fatFloor) {
                t.add(shell.x(i), shell.y(i), shell.z(i));
            }
        }
        VoxelSet testRegion = t.build();
        double[] testWeight = new double[testRegion.size()];
        double[] testExcess = new double[2];
        int cols = lowVolume.geometry().columns();
        for (int i = 0; i < testRegion.size(); i++) {
            testWeight[i] = component.contains(testRegion.x(i), testRegion.y(i), testRegion.z(i)) ? 1 : SHELL_WEIGHT;
            int at = testRegion.y(i) * cols + testRegion.x(i);
            testExcess[0] += testWeight[i] * (lowVolume.slices()[testRegion.z(i)][at] - softTissue[0]);
            testExcess[1] += testWeight[i] * (highVolume.slices()[testRegion.z(i)][at] - softTissue[1]);
        }
        VoxelSet ring = around(component, shell, shellXy + RING_XY - SHELL_XY, 2, labels, lowVolume, ceiling);
        double[] fatShare = fatShares(region, ring, lowVolume, highVolume, softTissue, fat);
        int columns = lowVolume.geometry().columns();
        double[] l = new double[region.size()];
        double[] h = new double[region.size()];
        for (int i = 0; i < region.size(); i++) {
            int at = region.y(i) * columns + region.x(i);
            l[i] = lowVolume.slices()[region.z(i)][at];
            h[i] = highVolume.slices()[region.z(i)][at];
        }
        return new DepositRegion(component, core, region, testRegion, testWeight, testExcess, coreSum, l, h, fatShare, softTissue, fat);
    }

    /** [low, high] HU of the background of region voxel i. */
    double[] background(int i) {
        double g = fatShare[i];
        return g == 0 ? softTissue : new double[] {softTissue[0] + g * (fat[0] - softTissue[0]), softTissue[1] + g * (fat[1] - softTissue[1])};
    }

    /**
     * g of every region voxel: the share of fat among the ring voxels near it, each ring voxel fat when
     * the 3×3×3 mean of its mixed image (HU_L + HU_H)/2 is nearer fat's than soft tissue's (94 HU apart
     * at 80/Sn150, where the mean's noise is about 7). The ring lies beyond the shell, where the deposit
     * no longer shows. All 0 without a fat reference or a ring.
     */
    private static double[] fatShares(VoxelSet region, VoxelSet ring, HuVolume low, HuVolume high, double[] soft, double[] fat) {
        double[] g = new double[region.size()];
        if (ring.size() == 0 || Double.isNaN(fat[0]) || Double.isNaN(fat[1])) {
            return g;
        }
        double midpoint = (soft[0] + soft[1] + fat[0] + fat[1]) / 4;
        VoxelSet.Builder fatRing = new VoxelSet.Builder();
        int fatCount = 0;
        for (int i = 0; i < ring.size(); i++) {
            double mixed = (localMean(low, ring.x(i), ring.y(i), ring.z(i)) + localMean(high, ring.x(i), ring.y(i), ring.z(i))) / 2;
            if (mixed < midpoint) {
                fatRing.add(ring.x(i), ring.y(i), ring.z(i));
                fatCount++;
            }
        }
        if (fatCount == 0) {
            return g;
        }
        VoxelSet fatVoxels = fatRing.build();
        for (int i = 0; i < region.size(); i++) {
            int fatNearest = 0;
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int dz = -2; dz <= 2; dz++) {
                for (int dy = -NEAR_XY; dy <= NEAR_XY; dy++) {
                    for (int dx = -NEAR_XY; dx <= NEAR_XY; dx++) {
                        int x = region.x(i) + dx;
                        int y = region.y(i) + dy;
                        int z = region.z(i) + dz;
                        double d = dx * dx + dy * dy + dz * dz * SLICE_WEIGHT;
                        if (d > best + 1e-9 || !ring.contains(x, y, z)) {
                            continue;
                        }
                        if (d < best - 1e-9) {
                            best = d;
                            nearest = 0;
                            fatNearest = 0;
                        }
                        nearest++;
                        fatNearest += fatVoxels.contains(x, y, z) ? 1 : 0;
                    }
                }
            }
            g[i] = nearest == 0 ? 0 : (double) fatNearest / nearest;
        }
        return g;
    }

    /**
     * The labelled voxels and the unlabelled ones connected to them (26-neighbours) whose 3×3×3 mean
     * is at least half as far from soft tissue, along the core's contrast, as the core: the deposit out
     * to its half maximum. A faint deposit's labels stop short of it, and a blurred one's further still;
     * the shell is laid around this, so that it reaches the deposit's blurred edge whatever the labels
     * caught. At most {@value #GROWTH} voxels beyond the labels, and never into anything brighter than
     * the ceiling.
     */
    private static VoxelSet grown(VoxelSet labelled, byte[][] labels, HuVolume low, HuVolume high, double[] soft, double[] contrast,
                                  double ceiling) {
        double norm = contrast[0] * contrast[0] + contrast[1] * contrast[1];
        if (!(norm > 0)) {
            return labelled;
        }
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int slices = low.geometry().slices();
        VoxelSet.Builder all = new VoxelSet.Builder();
        for (int i = 0; i < labelled.size(); i++) {
            all.add(labelled.x(i), labelled.y(i), labelled.z(i));
        }
        VoxelSet done = labelled;
        VoxelSet edge = labelled;
        for (int step = 0; step < GROWTH; step++) {
            // The unlabelled neighbours of the edge, each once (most are the neighbours of several edge voxels), then judged.
            VoxelSet.Builder reached = new VoxelSet.Builder();
            for (int i = 0; i < edge.size(); i++) {
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int x = edge.x(i) + dx;
                            int y = edge.y(i) + dy;
                            int z = edge.z(i) + dz;
                            if (x >= 0 && y >= 0 && z >= 0 && x < columns && y < rows && z < slices && !done.contains(x, y, z)
                                    && labels[z][y * columns + x] == Labels.NONE) {
                                reached.add(x, y, z);
                            }
                        }
                    }
                }
            }
            VoxelSet candidates = reached.build();
            VoxelSet.Builder next = new VoxelSet.Builder();
            int added = 0;
            for (int i = 0; i < candidates.size(); i++) {
                int x = candidates.x(i);
                int y = candidates.y(i);
                int z = candidates.z(i);
                double ml = localMean(low, x, y, z);
                double share = (contrast[0] * (ml - soft[0]) + contrast[1] * (localMean(high, x, y, z) - soft[1])) / norm;
                if (share >= 0.5 && ml <= ceiling) {
                    next.add(x, y, z);
                    added++;
                }
            }
            if (added == 0) {
                break;
            }
            edge = next.build();
            for (int i = 0; i < edge.size(); i++) {
                all.add(edge.x(i), edge.y(i), edge.z(i));
            }
            done = all.build();
        }
        return done;
    }

    /** Voxels the deposit may grow beyond its labels to its half maximum. */
    static final int GROWTH = 3;

    /**
     * The unlabelled voxels within {@code reachXy} in-plane and {@code reachZ} slices of the component,
     * outside it and outside {@code inner}, whose 3×3×3 low-kVp mean is neither air nor above the ceiling.
     * The reach is marked run by run (a row of the component's voxels reaches a row of each slice and
     * row within reach, widened at both ends) in a grid over the component's box grown by the reach;
     * the grid is then read once. A large deposit would otherwise ask of each of its voxels whether
     * each of the hundred or so voxels in its reach belonged to it.
     */
    private static VoxelSet around(VoxelSet component, VoxelSet inner, int reachXy, int reachZ, byte[][] labels, HuVolume low,
                                   double ceiling) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int slices = low.geometry().slices();
        int n = component.size();
        int x0 = Math.max(0, component.minX() - reachXy);
        int y0 = Math.max(0, component.minY() - reachXy);
        int z0 = Math.max(0, component.minZ() - reachZ);
        int w = Math.min(columns - 1, component.maxX() + reachXy) - x0 + 1;
        int h = Math.min(rows - 1, component.maxY() + reachXy) - y0 + 1;
        int d = Math.min(slices - 1, component.maxZ() + reachZ) - z0 + 1;
        byte[] reached = new byte[Math.multiplyExact(Math.multiplyExact(w, h), d)];
        for (int i = 0; i < n; ) {
            int x = component.x(i);
            int y = component.y(i);
            int z = component.z(i);
            int j = i + 1;
            while (j < n && component.z(j) == z && component.y(j) == y && component.x(j) == component.x(j - 1) + 1) {
                j++;
            }
            int last = component.x(j - 1);
            for (int dz = -reachZ; dz <= reachZ; dz++) {
                int zz = z + dz;
                if (zz < z0 || zz >= z0 + d) {
                    continue;
                }
                // In-plane reach shrinks away from the slice: an ellipsoid of reach, not a cylinder.
                double f = 1 - (double) (dz * dz) / ((reachZ + 1) * (reachZ + 1));
                int reach = (int) Math.floor(reachXy * Math.sqrt(f));
                for (int dy = -reach; dy <= reach; dy++) {
                    int yy = y + dy;
                    if (yy < y0 || yy >= y0 + h) {
                        continue;
                    }
                    int dxMax = (int) Math.floor(Math.sqrt(reach * reach - dy * dy)); // dx² + dy² ≤ reach²
                    int row = ((zz - z0) * h + yy - y0) * w - x0;
                    for (int xx = Math.max(x0, x - dxMax); xx <= Math.min(x0 + w - 1, last + dxMax); xx++) {
                        reached[row + xx] = 1;
                    }
                }
            }
            i = j;
        }
        VoxelSet.Builder kept = new VoxelSet.Builder();
        for (int z = 0, at = 0; z < d; z++) {
            byte[] sliceLabels = labels[z0 + z];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++, at++) {
                    int xx = x0 + x;
                    int yy = y0 + y;
                    int zz = z0 + z;
                    if (reached[at] != 0 && sliceLabels[yy * columns + xx] == Labels.NONE && !component.contains(xx, yy, zz)
                            && (inner == null || !inner.contains(xx, yy, zz))) {
                        double m = localMean(low, xx, yy, zz);
                        if (m >= AIR_HU && m <= ceiling) {
                            kept.add(xx, yy, zz);
                        }
                    }
                }
            }
        }
        return kept.build();
    }

    /**
     * The core: the interior of the component's voxels whose 3×3×3 mean contrast over soft tissue, along
     * the core's own direction of contrast, is at least half the core's, made again from the new core
     * each round. Means, not voxels, decide, so that noise does not punch holes the interior widens.
     */
    private static VoxelSet core(VoxelSet component, HuVolume low, HuVolume high, double[] soft) {
        VoxelSet core = interior(component);
        if (core == null) {
            return component;
        }
        for (int round = 0; round < CORE_ROUNDS; round++) {
            double[] m = sums(core, low, high);
            double cl = m[0] / core.size() - soft[0];
            double ch = m[1] / core.size() - soft[1];
            double norm = cl * cl + ch * ch;
            if (!(norm > 0)) {
                break;
            }
            VoxelSet.Builder bright = new VoxelSet.Builder();
            for (int i = 0; i < component.size(); i++) {
                int x = component.x(i);
                int y = component.y(i);
                int z = component.z(i);
                double contrast = (cl * (localMean(low, x, y, z) - soft[0]) + ch * (localMean(high, x, y, z) - soft[1])) / norm;
                if (contrast >= 0.5) {
                    bright.add(x, y, z);
                }
            }
            VoxelSet next = interior(bright.build());
            if (next == null) {
                break;
            }
            core = next;
        }
        return core;
    }

    /** The voxels whose six face neighbours all belong to the set; null when fewer than MIN_CORE do. */
    private static VoxelSet interior(VoxelSet c) {
        VoxelSet e = c.eroded();
        return e.size() >= MIN_CORE ? e : null;
    }

    /** [Σ HU_L, Σ HU_H] over the set. */
    static double[] sums(VoxelSet s, HuVolume low, HuVolume high) {
        int columns = low.geometry().columns();
        double l = 0;
        double h = 0;
        for (int i = 0; i < s.size(); i++) {
            int at = s.y(i) * columns + s.x(i);
            l += low.slices()[s.z(i)][at];
            h += high.slices()[s.z(i)][at];
        }
        return new double[] {l, h};
    }

    /** Mean HU of the 3×3×3 neighbourhood, clipped to the volume. */
    private static double localMean(HuVolume v, int x, int y, int z) {
        int columns = v.geometry().columns();
        int rows = v.geometry().rows();
        long sum = 0;
        int n = 0;
        for (int zz = Math.max(0, z - 1); zz <= Math.min(v.geometry().slices() - 1, z + 1); zz++) {
            short[] s = v.slices()[zz];
            for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(columns - 1, x + 1); xx++) {
                    sum += s[yy * columns + xx];
                    n++;
                }
            }
        }
        return (double) sum / n;
    }

    /** The component's centroid in voxel coordinates (x, y, slice). */
    double[] centre() {
        double[] c = new double[3];
        for (int i = 0; i < component.size(); i++) {
            c[0] += component.x(i);
            c[1] += component.y(i);
            c[2] += component.z(i);
        }
        return new double[] {c[0] / component.size(), c[1] / component.size(), c[2] / component.size()};
    }

    /** Mean [low, high] HU of the core. */
    double[] coreMean() {
        return new double[] {coreSum[0] / core.size(), coreSum[1] / core.size()};
    }
}
