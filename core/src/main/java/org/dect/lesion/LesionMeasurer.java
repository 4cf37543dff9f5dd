package org.dect.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.dect.Parallel;
import org.dect.decompose.Labels;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.decompose.Sharpness;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.lesion.ConnectedComponents.Components;
import org.dect.lesion.ConnectedComponents.SliceRuns;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.dect.volume.VoxelSet;

/**
 * Turns a label volume into deposits: 26-connected components per material; those smaller than the
 * minimum size dropped and calcium components with a cortex set apart as bone; the rest judged against
 * the scan's noise ({@link DepositStatistics}: noise clusters dropped, deposits the noise leaves between
 * urate and calcium marked indeterminate) and measured, partial volume accounted for. Dropped and
 * re-marked components are relabelled, so outputs and totals agree.
 *
 * <p>Without a noise model (a scan without soft tissue to measure it in, or the previous method kept
 * for comparison) the deposits are kept by the earlier, fixed rules ({@link Rules#minUrateMeanLowHu}
 * and the HA plausibility below) and measured by their voxels.
 */
public final class LesionMeasurer {

    private LesionMeasurer() { }

    /**
     * A voxel is cortical bone when it is at least this share of the way from soft tissue to the
     * preset's cortical bone at low kVp: 1100 HU at 80 kVp, 920 at 100 kVp, above any calcinosis (400
     * mg/cm³ HA reads 760 and 624 HU) and below a cortex that beam hardening and a soft kernel's blur
     * took 20 % down (physics.md: cortical bone 1540–2110 HU at 80–100 kVp).
     */
    static final double CORTICAL_SHARE = 0.55;
    /** The cortical threshold of a preset without a cortical bone reference. */
    static final int CORTICAL_HU = 1200;
    /**
     * A calcium component is bone when at least this share of it is cortical and it holds at least
     * {@link #BONE_MIN_ML}: a radius or phalanx has a cortex of a third of its cross-section, and so do
     * the smallest bones of an extremity scan, a hallux sesamoid or the pisiform (0.1–0.2 mL).
     * Calcinosis of 30 µL (a 4 mm nodule) with a cortex is rarer than a small bone.
     */
    static final double BONE_CORTICAL_SHARE = 0.10;
    static final double BONE_MIN_ML = 0.03;

    private static final int X = 0, Y = 1, Z = 2, LOW = 3, HIGH = 4, COUNT = 5, CORTICAL = 6;

    /**
     * @param minVoxels          smaller components are dropped
     * @param minMm3             and so are components smaller than this volume
     * @param minUrateMeanLowHu  without a noise model: urate components whose mean low-kVp HU (before
     *                           smoothing) is below this are dropped (the faintest tophus, 15 % w/w, reads 66 HU)
     * @param detectionZ         with one: components less than this many SDs above soft tissue are noise
     * @param materialZ              and those less than this many SDs on their side of the urate/calcium boundary
     *                           are indeterminate
     */
    public record Rules(long minVoxels, double minMm3, double minUrateMeanLowHu, double detectionZ, double materialZ) { }

    /**
     * @param preset the preset decomposed with (its background the soft tissue deposits are measured against)
     * @param noise  the scan's noise, or null to keep and measure deposits by the fixed rules
     * @param sharpness the scan's blur (null when unknown), for the volumes of small deposits
     * @param fat    the scan's fat, [low, high] HU (NaN when not found), which a deposit's background may be
     * @param threads threads for the deposits' tests
     */
    public static Quantification measure(byte[][] labels, HuVolume low, HuVolume high, Preset preset, NoiseModel noise,
                                         Sharpness sharpness, double[] fat, Rules rules, int threads) {
        // The scan's detection limit needs only its noise: it is sought on a thread of its own beside the deposits.
        try (Parallel.Background<DetectionLimit> limit = Parallel.start(
                () -> DetectionLimit.of(noise, preset, low.geometry(), rules.detectionZ(), rules.materialZ()))) {
            return measure(labels, low, high, preset, noise, sharpness, fat, rules, threads, limit);
        }
    }

    private static Quantification measure(byte[][] labels, HuVolume low, HuVolume high, Preset preset, NoiseModel noise,
                                          Sharpness sharpness, double[] fat, Rules rules, int threads,
                                          Parallel.Background<DetectionLimit> limit) {
        VolumeGeometry g = low.geometry();
        TwoMaterialBasis basis = TwoMaterialBasis.of(preset);
        double voxelMm3 = g.voxelVolumeMm3();
        double voxelMl = voxelMm3 / 1000;
        long minimum = Math.max(rules.minVoxels(), (long) Math.ceil(rules.minMm3() / voxelMm3));
        // The shell reaches two voxels out, or twice the blur's σ where the scanner blurs more than that.
        int shell = sharpness == null || !Double.isFinite(sharpness.inPlaneSigmaMm()) ? DepositRegion.SHELL_XY
                : Math.max(DepositRegion.SHELL_XY, (int) Math.ceil(2 * sharpness.inPlaneSigmaMm() / g.columnSpacing()));
        double cortical = Double.isFinite(preset.corticalBone()[0]) && Double.isFinite(preset.softTissue()[0])
                ? preset.background()[0] + CORTICAL_SHARE * (preset.corticalBone()[0] - preset.softTissue()[0]) : CORTICAL_HU;
        // Both materials' components are found at once, from the labels as they come: relabelling one
        // material below never makes or removes a voxel of the other before its components are used.
        Components urate;
        Components calcium;
        try (Parallel.Background<Components> finding = Parallel.start(
                () -> ConnectedComponents.of(labels, g.columns(), g.rows(), Labels.CALCIUM))) {
            urate = ConnectedComponents.of(labels, g.columns(), g.rows(), Labels.URATE);
            calcium = finding.join();
        }
        Components[] components = new Components[Labels.INDETERMINATE + 1];
        components[Labels.URATE] = urate;
        components[Labels.CALCIUM] = calcium;
        double[][][] sums = new double[components.length][][];
        int[][][] boxes = new int[components.length][][];
        byte[][] fates = new byte[components.length][];
        VoxelSet[][] sets = new VoxelSet[components.length][];
        DepositStatistics[][] stats = new DepositStatistics[components.length][];
        double bone = 0;
        long noiseClusters = 0;
        // Calcium first: a urate sheet on a bone's surface is known by the bones among its components.
        for (byte material : new byte[] {Labels.CALCIUM, Labels.URATE}) {
            Components c = components[material];
            sums[material] = new double[c.count() + 1][7];
            boxes[material] = new int[c.count() + 1][];
            accumulate(c, low, high, g.columns(), cortical, sums[material], boxes[material]);
            byte[] fate = new byte[c.count() + 1];
            for (int id = 1; id <= c.count(); id++) {
                double[] sm = sums[material][id];
                double ml = sm[COUNT] * voxelMl;
                boolean isBone = material == Labels.CALCIUM && ml >= BONE_MIN_ML && sm[CORTICAL] >= BONE_CORTICAL_SHARE * sm[COUNT];
                fate[id] = sm[COUNT] < minimum ? Labels.NONE : isBone ? Labels.BONE : material;
                bone += fate[id] == Labels.BONE ? ml : 0;
            }
            sets[material] = voxelSets(c, fate, material);
            for (int id = 1; material == Labels.URATE && id <= c.count(); id++) {
                if (fate[id] == material && BoneEdge.along(sets[material][id], labels, calcium, fates[Labels.CALCIUM])) {
                    fate[id] = Labels.NONE;
                    noiseClusters++;
                }
            }
            for (int id = 1; material == Labels.CALCIUM && id <= c.count(); id++) {
                if (fate[id] == material && sums[material][id][COUNT] * voxelMl >= BONE_MIN_ML && hollow(sets[material][id], low)) {
                    fate[id] = Labels.BONE;
                    bone += sums[material][id][COUNT] * voxelMl;
                }
            }
            stats[material] = new DepositStatistics[c.count() + 1];
            if (noise != null) {
                // A deposit's region and tests only read the labels and the volumes: deposits in parallel.
                byte m = material;
                DepositStatistics[] st = stats[material];
                VoxelSet[] set = sets[material];
                int[] tested = IntStream.rangeClosed(1, c.count()).filter(id -> fate[id] == m).toArray();
                Parallel.forEach(tested.length, threads, k -> st[tested[k]] = DepositStatistics.of(
                        DepositRegion.of(set[tested[k]], labels, low, high, preset.background(), fat, shell), m, preset, noise, sharpness, g));
                for (int id : tested) {
                    fate[id] = st[id].detectionZ() < rules.detectionZ() ? Labels.NONE
                            : st[id].materialZ() < rules.materialZ() ? Labels.INDETERMINATE : material;
                    noiseClusters += fate[id] == Labels.NONE ? 1 : 0;
                }
            }
            for (int id = 1; noise == null && material == Labels.URATE && id <= c.count(); id++) {
                if (fate[id] == material && !plausibleUrate(sums[material][id], basis, rules.minUrateMeanLowHu())) {
                    fate[id] = Labels.NONE;
                }
            }
            fates[material] = fate;
        }
        List<Measured> measured = new ArrayList<>();
        boolean[][] grouped = new boolean[components.length][];
        grouped[Labels.URATE] = new boolean[urate.count() + 1];
        grouped[Labels.CALCIUM] = new boolean[calcium.count() + 1];
        if (noise != null) {
            for (TouchingDeposits.Group group : TouchingDeposits.groups(urate, calcium, sets, fates, labels)) {
                DepositRegion region = DepositRegion.of(group.union(), labels, low, high, preset.background(), fat, shell);
                DepositStatistics asUrate = DepositStatistics.of(region, Labels.URATE, preset, noise, sharpness, g);
                DepositStatistics asCalcium = DepositStatistics.of(region, Labels.CALCIUM, preset, noise, sharpness, g);
                boolean urateBeyondDoubt = asUrate.materialZ() >= rules.materialZ();
                boolean calciumBeyondDoubt = asCalcium.materialZ() >= rules.materialZ();
                if (urateBeyondDoubt && calciumBeyondDoubt) {
                    continue; // urate and calcium side by side, each beyond doubt: two deposits, as found
                }
                // One deposit that noise split between the labels: judged whole, it is what its whole says.
                byte whole = urateBeyondDoubt ? Labels.URATE : calciumBeyondDoubt ? Labels.CALCIUM : Labels.INDETERMINATE;
                double[] total = new double[7];
                int[] box = null;
                for (int[] member : group.members()) {
                    byte m = (byte) member[0];
                    fates[m][member[1]] = whole;
                    grouped[m][member[1]] = true;
                    for (int k = 0; k < total.length; k++) {
                        total[k] += sums[m][member[1]][k];
                    }
                    box = joined(box, boxes[m][member[1]]);
                }
                measured.add(new Measured(whole, total, box, whole == Labels.CALCIUM ? asCalcium : asUrate, group.union()));
            }
        }
        for (byte material : new byte[] {Labels.URATE, Labels.CALCIUM}) {
            for (int id = 1; id < fates[material].length; id++) {
                byte f = fates[material][id];
                if (!grouped[material][id] && (f == material || f == Labels.INDETERMINATE)) {
                    measured.add(new Measured(f, sums[material][id], boxes[material][id], stats[material][id], sets[material][id]));
                }
            }
            relabel(labels, components[material], fates[material]);
        }
        VoxelSet[] labelled = halfMaximum(labels, measured, g.columns());
        return quantify(measured, labelled, g, basis, bone, noiseClusters, limit.join());
    }

    /**
     * Whether a calcium component is built like a bone, not a deposit: a shell brighter than what it
     * holds. The voxels one and two steps inside its surface (the cortex, where a soft kernel's blur
     * leaves no voxel as dense as cortical bone) read at least {@value #HOLLOW_HU} HU more at low kVp
     * than the voxels three or more steps in (marrow and trabecular bone). A deposit of calcinosis is
     * solid, its inside as dense as anywhere or denser; a bone's cortex may be thin and blurred, its
     * hollowness stays. Components with too little inside are not bones.
     */
    private static boolean hollow(VoxelSet v, HuVolume low) {
        VoxelSet cortex = v.eroded();
        VoxelSet inside = cortex.eroded().eroded();
        if (inside.size() < v.size() / 10) {
            return false;
        }
        double rim = 0;
        double deep = 0;
        int columns = low.geometry().columns();
        for (int i = 0; i < cortex.size(); i++) {
            double hu = low.slices()[cortex.z(i)][cortex.y(i) * columns + cortex.x(i)];
            if (inside.contains(cortex.x(i), cortex.y(i), cortex.z(i))) {
                deep += hu;
            } else {
                rim += hu;
            }
        }
        int rimCount = cortex.size() - inside.size();
        return rimCount > 0 && rim / rimCount - deep / inside.size() >= HOLLOW_HU;
    }

    static final double HOLLOW_HU = 100;


    private static int[] joined(int[] a, int[] b) {
        return a == null ? b.clone() : new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2]),
            Math.max(a[3], b[3]), Math.max(a[4], b[4]), Math.max(a[5], b[5])};
    }

    /** A kept deposit before it is numbered: its fate, its sums and box, its statistics (null without noise model). */
    /** A deposit kept: its material, its sums, box and statistics, and the voxels of its component(s) as found. */
    private record Measured(byte material, double[] sums, int[] box, DepositStatistics stats, VoxelSet found) { }

    /**
     * Labels each deposit where it is at least half deposit, as the phantoms' truth and a reader's eye
     * draw it: the voxels of its region whose share, averaged with the shares of their six face
     * neighbours (which halves the noise of a single voxel), is at least a half. The labels of the
     * per-voxel rule reach out to where a tenth of a voxel is a dense deposit, and stop short of the half
     * of a faint one. First every deposit gives up its own voxels below the half, then every deposit
     * takes the unlabelled ones above it (a voxel two deposits' shells share goes to the first), so that
     * no deposit undoes another's. Returns the voxels labelled per deposit.
     */
    private static VoxelSet[] halfMaximum(byte[][] labels, List<Measured> measured, int columns) {
        int[][] faces = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        byte[][] halves = new byte[measured.size()][];
        VoxelSet[] finalVoxels = new VoxelSet[measured.size()];
        for (int k = 0; k < measured.size(); k++) {
            Measured m = measured.get(k);
            if (m.stats() == null || m.stats().shares() == null) {
                finalVoxels[k] = m.found();
                continue;
            }
            VoxelSet r = m.stats().region();
            double[] f = m.stats().shares();
            byte[] half = new byte[r.size()];
            for (int i = 0; i < r.size(); i++) {
                double sum = f[i];
                int n = 1;
                for (int[] d : faces) {
                    int j = r.indexOf(r.x(i) + d[0], r.y(i) + d[1], r.z(i) + d[2]);
                    if (j >= 0) {
                        sum += f[j];
                        n++;
                    }
                }
                half[i] = sum / n >= 0.5 ? m.material() : Labels.NONE;
                // The region holds the deposit's own voxels and unlabelled ones only: what is labelled here is its own.
                int at = r.y(i) * columns + r.x(i);
                if (labels[r.z(i)][at] == m.material() && half[i] == Labels.NONE) {
                    labels[r.z(i)][at] = Labels.NONE;
                }
            }
            halves[k] = half;
        }
        for (int k = 0; k < measured.size(); k++) {
            if (halves[k] == null) {
                continue;
            }
            VoxelSet r = measured.get(k).stats().region();
            byte material = measured.get(k).material();
            VoxelSet.Builder mine = new VoxelSet.Builder();
            for (int i = 0; i < r.size(); i++) {
                int at = r.y(i) * columns + r.x(i);
                byte[] slice = labels[r.z(i)];
                if (halves[k][i] == material && (slice[at] == Labels.NONE || slice[at] == material)) {
                    slice[at] = material;
                    mine.add(r.x(i), r.y(i), r.z(i));
                }
            }
            finalVoxels[k] = mine.build();
        }
        return finalVoxels;
    }

    private static Quantification quantify(List<Measured> measured, VoxelSet[] labelled, VolumeGeometry g, TwoMaterialBasis basis,
                                           double bone, long noiseClusters, DetectionLimit limit) {
        double voxelMl = g.voxelVolumeMm3() / 1000;
        List<Lesion> lesions = new ArrayList<>();
        double[] volume = new double[Labels.INDETERMINATE + 1];
        double[] voxelVolume = new double[volume.length];
        double[] variance = new double[volume.length];
        for (int k = 0; k < measured.size(); k++) {
            Measured m = measured.get(k);
            double[] s = m.sums();
            double n = s[COUNT];
            double meanLow = s[LOW] / n;
            double meanHigh = s[HIGH] / n;
            int z = (int) Math.round(s[Z] / n);
            double[] p = along(g, g.toPatient(s[X] / n, s[Y] / n, z), s[Z] / n - z);
            double voxelMlHere = labelled[k].size() * voxelMl;
            double ml = m.stats() == null ? voxelMlHere : m.stats().volumeMl();
            double sd = m.stats() == null ? Double.NaN : m.stats().volumeSdMl();
            volume[m.material()] += ml;
            voxelVolume[m.material()] += voxelMlHere;
            variance[m.material()] += sd * sd;
            int[] b = m.box();
            lesions.add(new Lesion(lesions.size() + 1, m.material(), labelled[k].size(), voxelMlHere, ml, sd, p,
                    new int[] {b[0], b[1], b[2]}, new int[] {b[3], b[4], b[5]},
                    meanLow, meanHigh, meanLow / meanHigh, basis.urate(meanLow, meanHigh), basis.ha(meanLow, meanHigh),
                    m.stats() == null ? Double.NaN : m.stats().detectionZ(), m.stats() == null ? Double.NaN : m.stats().materialZ(),
                    labelled[k]));
        }
        boolean noNoise = measured.stream().anyMatch(m -> m.stats() == null) || Double.isNaN(limit.volumeMl());
        Quantification.Burden urate = burden(volume, voxelVolume, variance, Labels.URATE, noNoise);
        Quantification.Burden calcium = burden(volume, voxelVolume, variance, Labels.CALCIUM, noNoise);
        return new Quantification(urate, calcium, volume[Labels.INDETERMINATE], bone, List.copyOf(lesions), limit, noiseClusters);
    }

    private static Quantification.Burden burden(double[] volume, double[] voxelVolume, double[] variance, byte material, boolean noNoise) {
        return new Quantification.Burden(volume[material], voxelVolume[material], noNoise ? Double.NaN : Math.sqrt(variance[material]));
    }

    /** The voxels of every component whose fate is still its material (the others are not measured). */
    private static VoxelSet[] voxelSets(Components c, byte[] fate, byte material) {
        VoxelSet.Builder[] builders = new VoxelSet.Builder[c.count() + 1];
        for (int z = 0; z < c.slices().length; z++) {
            SliceRuns runs = c.slices()[z];
            if (runs == null) {
                continue;
            }
            for (int y = 0; y < c.rows(); y++) {
                for (int k = runs.rowFirst()[y]; k < runs.rowFirst()[y + 1]; k++) {
                    int id = runs.id(k);
                    if (fate[id] != material) {
                        continue;
                    }
                    if (builders[id] == null) {
                        builders[id] = new VoxelSet.Builder();
                    }
                    for (int x = runs.x0(k); x < runs.x1(k); x++) {
                        builders[id].add(x, y, z);
                    }
                }
            }
        }
        VoxelSet[] sets = new VoxelSet[builders.length];
        for (int id = 1; id < builders.length; id++) {
            sets[id] = builders[id] == null ? null : builders[id].build();
        }
        return sets;
    }

    /**
     * Without a noise model: a urate deposit must be denser than soft tissue at low kVp, and its mean
     * must not lie further beyond the urate line (negative HA) than its urate amount: no tissue has a
     * dual-energy ratio that far below urate's, only noise does.
     */
    private static boolean plausibleUrate(double[] s, TwoMaterialBasis basis, double minMeanLowHu) {
        double low = s[LOW] / s[COUNT];
        double high = s[HIGH] / s[COUNT];
        return low >= minMeanLowHu && basis.ha(low, high) >= -basis.urate(low, high);
    }

    /** Per component: sums of x, y, z, HU low, HU high, voxel count, cortical voxels; and the bounding box. */
    private static void accumulate(Components c, HuVolume low, HuVolume high, int columns, double cortical, double[][] sums,
                                   int[][] box) {
        for (int z = 0; z < c.slices().length; z++) {
            SliceRuns runs = c.slices()[z];
            if (runs == null) {
                continue;
            }
            short[] l = low.slices()[z];
            short[] h = high.slices()[z];
            for (int y = 0; y < c.rows(); y++) {
                for (int k = runs.rowFirst()[y]; k < runs.rowFirst()[y + 1]; k++) {
                    int x0 = runs.x0(k);
                    int x1 = runs.x1(k);
                    int id = runs.id(k);
                    double[] s = sums[id];
                    long hu = 0;
                    long hh = 0;
                    int cortex = 0;
                    for (int i = y * columns + x0; i < y * columns + x1; i++) {
                        hu += l[i];
                        hh += h[i];
                        cortex += l[i] >= cortical ? 1 : 0;
                    }
                    int n = x1 - x0;
                    s[X] += (x0 + x1 - 1) * (double) n / 2;
                    s[Y] += (double) y * n;
                    s[Z] += (double) z * n;
                    s[LOW] += hu;
                    s[HIGH] += hh;
                    s[COUNT] += n;
                    s[CORTICAL] += cortex;
                    int[] b = box[id];
                    if (b == null) {
                        box[id] = new int[] {x0, y, z, x1 - 1, y, z};
                    } else {
                        b[0] = Math.min(b[0], x0);
                        b[1] = Math.min(b[1], y);
                        b[2] = Math.min(b[2], z);
                        b[3] = Math.max(b[3], x1 - 1);
                        b[4] = Math.max(b[4], y);
                        b[5] = Math.max(b[5], z);
                    }
                }
            }
        }
    }

    /** Gives every voxel of component id the label fate[id] (NONE for a dropped component). */
    private static void relabel(byte[][] labels, Components c, byte[] fate) {
        for (int z = 0; z < labels.length; z++) {
            SliceRuns runs = c.slices()[z];
            if (runs == null) {
                continue;
            }
            for (int y = 0; y < c.rows(); y++) {
                int base = y * c.columns();
                for (int k = runs.rowFirst()[y]; k < runs.rowFirst()[y + 1]; k++) {
                    Arrays.fill(labels[z], base + runs.x0(k), base + runs.x1(k), fate[runs.id(k)]);
                }
            }
        }
    }

    /** Moves a point by a fraction of the slice spacing along the normal (centroids between slices). */
    private static double[] along(VolumeGeometry g, double[] p, double slices) {
        double[] n = g.normal();
        double d = slices * g.sliceSpacing();
        return new double[] {p[0] + d * n[0], p[1] + d * n[1], p[2] + d * n[2]};
    }
}
