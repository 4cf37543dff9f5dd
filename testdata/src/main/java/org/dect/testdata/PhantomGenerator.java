package org.dect.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.dect.testdata.Lesion.Material;
import org.dect.testdata.Phantom.GroundTruth;
import org.dect.testdata.Phantom.LesionTruth;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Simulates a dual-energy CT of a wrist: skin, subcutaneous fat and soft tissue around radius and
 * ulna (cortex and trabecular interior), tapering slightly along the limb, with urate and/or calcium
 * deposits. CT numbers come from {@link KvpPair} (shared/docs/physics.md); a voxel's value is the
 * volume-weighted mix of the materials in it (attenuation mixes linearly by volume), so edges carry
 * partial volume. Noise is Gaussian, correlated in-plane like filtered back-projection noise, and
 * independent between energies (two tubes, two detectors).
 */
public final class PhantomGenerator {

    private static final double AIR = -1000;
    private static final int MIN_HU = -1024;
    private static final double SKIN_MM = 1.5;
    private static final double FAT_MM = 3.0;
    private static final double CORTEX_MM = 1.6;
    /** Trabecular bone: a quarter cortical bone, the rest marrow of half fat, half soft tissue. */
    private static final double TRABECULAR_BONE_FRACTION = 0.25;
    /** Width (σ, pixels) of the Gaussian that correlates the noise in-plane. */
    private static final double NOISE_CORRELATION_PX = 0.8;

    private static final Ellipsoid BODY = Ellipsoid.cylinder(0, 0, 32, 21);
    private static final Ellipsoid WATER_CYLINDER = Ellipsoid.cylinder(0, 0, 45, 45);
    private static final double[] WATER = {0, 0};
    private static final Ellipsoid RADIUS = Ellipsoid.cylinder(-11, 2, 10, 7.5);
    private static final Ellipsoid ULNA = Ellipsoid.cylinder(12, 3, 6.5, 5.5);

    private PhantomGenerator() { }

    public static Phantom generate(PhantomSpec spec) {
        VolumeGeometry geometry = geometry(spec);
        List<Lesion> lesions = lesions(spec, geometry);
        int n = spec.columns() * spec.rows();
        short[][] low = new short[spec.slices()][n];
        short[][] high = new short[spec.slices()][n];
        byte[][] labels = new byte[spec.slices()][n];
        double[][] lesionVoxels = new double[spec.slices()][lesions.size()];
        IntStream.range(0, spec.slices()).parallel().forEach(z ->
                slice(spec, geometry, lesions, z, low[z], high[z], labels[z], lesionVoxels[z]));

        double voxelMl = geometry.voxelVolumeMm3() / 1000;
        List<LesionTruth> truths = new ArrayList<>();
        double urate = 0;
        double calcium = 0;
        for (int i = 0; i < lesions.size(); i++) {
            double sum = 0;
            for (double[] perSlice : lesionVoxels) {
                sum += perSlice[i];
            }
            Lesion l = lesions.get(i);
            double ml = sum * voxelMl;
            double analyticMm3 = Double.isInfinite(l.shape().rz())
                    ? Math.PI * l.shape().rx() * l.shape().ry() * spec.slices() * geometry.sliceSpacing()
                    : l.shape().volumeMm3();
            truths.add(new LesionTruth(l, analyticMm3 / 1000, ml, materialHu(spec.pair(), l)));
            if (l.material() == Material.URATE) {
                urate += ml;
            } else if (l.material() == Material.CALCIUM) {
                calcium += ml;
            }
        }
        GroundTruth truth = new GroundTruth(urate, calcium, labels, List.copyOf(truths));
        return new Phantom(spec, new HuVolume(geometry, low), new HuVolume(geometry, high), truth);
    }

    static VolumeGeometry geometry(PhantomSpec spec) {
        double pixel = spec.pixelMm();
        double[][] positions = new double[spec.slices()][];
        double z0 = -(spec.slices() - 1) * PhantomSpec.SLICE_SPACING_MM / 2;
        for (int z = 0; z < spec.slices(); z++) {
            positions[z] = new double[] {-(spec.columns() - 1) * pixel / 2, -(spec.rows() - 1) * pixel / 2,
                z0 + z * PhantomSpec.SLICE_SPACING_MM};
        }
        return new VolumeGeometry(spec.columns(), spec.rows(), pixel, pixel, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                positions, PhantomSpec.SLICE_SPACING_MM, PhantomSpec.SLICE_SPACING_MM);
    }

    private static void slice(PhantomSpec spec, VolumeGeometry g, List<Lesion> lesions, int z,
                              short[] low, short[] high, byte[] labels, double[] lesionVoxels) {
        KvpPair p = spec.pair();
        double[] trabecular = new double[2];
        for (int e = 0; e < 2; e++) {
            double marrow = 0.5 * p.adipose[e] + 0.5 * p.softTissue[e];
            trabecular[e] = TRABECULAR_BONE_FRACTION * p.corticalBone[e] + (1 - TRABECULAR_BONE_FRACTION) * marrow;
        }
        double zmm = g.slicePositions()[z][2];
        double w = g.columnSpacing();
        double wz = g.sliceSpacing();
        double taper = 1 + 0.08 * zmm / (PhantomSpec.SLICE_SPACING_MM * Math.max(1, spec.slices()));
        Ellipsoid skin = BODY.scaledInPlane(taper);
        Ellipsoid fat = skin.shrunk(SKIN_MM);
        Ellipsoid soft = skin.shrunk(SKIN_MM + FAT_MM);
        Ellipsoid[] bones = {RADIUS.scaledInPlane(taper), ULNA.scaledInPlane(taper)};
        int[] here = IntStream.range(0, lesions.size())
                .filter(i -> Math.abs(zmm - lesions.get(i).shape().cz()) <= lesions.get(i).shape().rz() + wz).toArray();
        double[][] lesionHu = lesions.stream().map(l -> materialHu(p, l)).toArray(double[][]::new);
        float[] lo = new float[low.length];
        float[] hi = new float[high.length];
        double[] v = new double[2];
        for (int y = 0; y < g.rows(); y++) {
            for (int x = 0; x < g.columns(); x++) {
                double[] pos = g.toPatient(x, y, z);
                double px = pos[0];
                double py = pos[1];
                v[0] = AIR;
                v[1] = AIR;
                if (spec.scenario() == Scenario.CALIBRATION) {
                    paint(v, WATER_CYLINDER.coverage(px, py, zmm, w, w, wz), WATER);
                } else if (skin.reaches(px, py, zmm, w)) {
                    paint(v, skin.coverage(px, py, zmm, w, w, wz), p.softTissue);
                    paint(v, fat.coverage(px, py, zmm, w, w, wz), p.adipose);
                    paint(v, soft.coverage(px, py, zmm, w, w, wz), p.softTissue);
                    for (Ellipsoid bone : bones) {
                        if (bone.reaches(px, py, zmm, w)) {
                            paint(v, bone.coverage(px, py, zmm, w, w, wz), p.corticalBone);
                            paint(v, bone.shrunk(CORTEX_MM).coverage(px, py, zmm, w, w, wz), trabecular);
                        }
                    }
                }
                int i = y * g.columns() + x;
                double urate = 0;
                double calcium = 0;
                for (int k : here) {
                    Lesion l = lesions.get(k);
                    if (!l.shape().reaches(px, py, zmm, w)) {
                        continue;
                    }
                    double f = l.shape().coverage(px, py, zmm, w, w, wz);
                    if (f > 0) {
                        paint(v, f, lesionHu[k]);
                        lesionVoxels[k] += f;
                        if (l.material() == Material.URATE) {
                            urate += f;
                        } else if (l.material() == Material.CALCIUM) {
                            calcium += f;
                        }
                    }
                }
                labels[i] = urate >= 0.5 ? Phantom.URATE : calcium >= 0.5 ? Phantom.CALCIUM : Phantom.NONE;
                lo[i] = (float) v[0];
                hi[i] = (float) v[1];
            }
        }
        addNoise(lo, g.columns(), spec.noiseLow(), new SplittableRandom(mix(spec.seed(), z, 0)));
        addNoise(hi, g.columns(), spec.noiseHigh(), new SplittableRandom(mix(spec.seed(), z, 1)));
        for (int i = 0; i < low.length; i++) { // scanners store nothing below -1024 HU
            low[i] = (short) Math.max(MIN_HU, Math.round(lo[i]));
            high[i] = (short) Math.max(MIN_HU, Math.round(hi[i]));
        }
    }

    /** Replaces fraction f of the voxel's content by the material: v ← v + f·(m − v), per energy. */
    private static void paint(double[] v, double f, double[] material) {
        if (f > 0) {
            v[0] += f * (material[0] - v[0]);
            v[1] += f * (material[1] - v[1]);
        }
    }

    static double[] materialHu(KvpPair p, Lesion l) {
        return switch (l.material()) {
            case URATE -> p.msuHu(l.concentration());
            case CALCIUM -> p.haHu(l.concentration());
            case SOFT_TISSUE -> p.softTissue.clone();
            case FAT -> p.adipose.clone();
        };
    }

    /** Adds white Gaussian noise blurred by a separable Gaussian and rescaled to standard deviation sigma. */
    static void addNoise(float[] image, int columns, double sigma, SplittableRandom random) {
        if (sigma == 0) {
            return;
        }
        int rows = image.length / columns;
        int radius = 2;
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * NOISE_CORRELATION_PX * NOISE_CORRELATION_PX));
            sum += k[i + radius];
        }
        double energy = 0;
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
            energy += k[i] * k[i];
        }
        double gain = sigma / energy; // 2-D separable: output variance = (Σk²)² per unit white variance
        float[] white = new float[image.length];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) random.nextGaussian();
        }
        float[] tmp = new float[image.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double s = 0;
                for (int j = -radius; j <= radius; j++) {
                    int xx = Math.min(columns - 1, Math.max(0, x + j));
                    s += k[j + radius] * white[y * columns + xx];
                }
                tmp[y * columns + x] = (float) s;
            }
        }
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double s = 0;
                for (int j = -radius; j <= radius; j++) {
                    int yy = Math.min(rows - 1, Math.max(0, y + j));
                    s += k[j + radius] * tmp[yy * columns + x];
                }
                image[y * columns + x] += (float) (gain * s);
            }
        }
    }

    private static long mix(long seed, int z, int energy) {
        return seed * 0x9E3779B97F4A7C15L + z * 0xBF58476D1CE4E5B9L + energy * 0x94D049BB133111EBL;
    }

    /** The deposits of the scenario, placed along the limb in proportion to the scanned length. */
    static List<Lesion> lesions(PhantomSpec spec, VolumeGeometry g) {
        double length = g.sliceSpacing() * (spec.slices() - 1);
        double z0 = g.slicePositions()[0][2];
        List<Lesion> out = new ArrayList<>();
        if (spec.scenario() == Scenario.GOUT) {
            double[][] urate = { // x, y, z fraction, rx, ry, rz, % w/w
                {-11, -11.5, 0.50, 3.5, 2.5, 4.0, 60},
                {12, -9.5, 0.35, 3.0, 2.5, 3.0, 45},
                {2.2, 2.0, 0.60, 2.0, 3.0, 3.5, 35},
                {-4, 12.5, 0.45, 3.0, 2.0, 3.0, 25},
                {18, 9.5, 0.55, 2.5, 2.0, 3.0, 15},
                {6, -12, 0.70, 2.5, 2.0, 3.0, 30}};
            String[] sites = {"dorsal radiocarpal", "extensor carpi ulnaris sheath", "distal radioulnar joint",
                "volar radiocarpal", "ulnar styloid", "extensor tendon sheath"};
            for (int i = 0; i < urate.length; i++) {
                double[] u = urate[i];
                out.add(new Lesion(out.size() + 1, Material.URATE, u[6], sites[i],
                        new Ellipsoid(u[0], u[1], z0 + u[2] * length, u[3], u[4], u[5])));
            }
            double[][] calcium = { // x, y, z fraction, rx, ry, rz, mg/cm³ HA: low-kVp HU 95..760, overlapping urate
                {-2, 12.5, 0.75, 2.0, 1.5, 2.0, 400},
                {16, -9, 0.70, 2.0, 2.0, 2.5, 150},
                {-16, 11, 0.30, 2.0, 1.5, 2.0, 60}};
            String[] calciumSites = {"triangular fibrocartilage", "extensor sheath", "volar capsule"};
            for (int i = 0; i < calcium.length; i++) {
                double[] c = calcium[i];
                out.add(new Lesion(out.size() + 1, Material.CALCIUM, c[6], calciumSites[i],
                        new Ellipsoid(c[0], c[1], z0 + c[2] * length, c[3], c[4], c[5])));
            }
        } else if (spec.scenario() == Scenario.CALCINOSIS) {
            calcinosis(spec, z0, length, out);
        } else {
            calibrationRods(out);
        }
        return out;
    }

    /**
     * Many small calcium deposits where systemic sclerosis and dystrophic calcification put them:
     * in the subcutaneous fat pad, along the dorsal tendon sheaths and in the carpal tunnel (volar,
     * between the bones). Positions and sizes are drawn from the seed; deposits do not touch bone or
     * each other.
     */
    private static void calcinosis(PhantomSpec spec, double z0, double length, List<Lesion> out) {
        SplittableRandom r = new SplittableRandom(spec.seed() * 31 + 7);
        String[] sites = {"subcutaneous fat pad", "dorsal tendon sheath", "carpal tunnel"};
        int wanted = 14;
        for (int attempt = 0; out.size() < wanted && attempt < 10_000; attempt++) {
            int site = out.size() % 3;
            double radius = 0.8 + r.nextDouble() * 1.2;
            double x;
            double y;
            if (site == 0) { // in the fat layer, 1.5–4.5 mm under the skin
                double angle = r.nextDouble() * 2 * Math.PI;
                Ellipsoid mid = BODY.shrunk(SKIN_MM + FAT_MM / 2);
                x = mid.rx() * Math.cos(angle);
                y = mid.ry() * Math.sin(angle);
                radius = Math.min(radius, FAT_MM / 2);
            } else if (site == 1) { // dorsal, between bone and skin
                x = -20 + r.nextDouble() * 36;
                y = -13 - r.nextDouble() * 2;
            } else { // volar, between bone and skin
                x = -14 + r.nextDouble() * 24;
                y = 11 + r.nextDouble() * 3;
            }
            double z = z0 + (0.15 + 0.7 * r.nextDouble()) * length;
            double mg = 50 * Math.pow(8, r.nextDouble()); // log-uniform 50–400 mg/cm³
            Ellipsoid shape = new Ellipsoid(x, y, z, radius, radius * (0.7 + 0.3 * r.nextDouble()), radius * 1.3);
            if (fits(shape, out)) {
                out.add(new Lesion(out.size() + 1, Material.CALCIUM, Math.round(mg), sites[site], shape));
            }
        }
    }

    /** Ten 8 mm rods on a 30 mm circle, through the whole scan. */
    private static void calibrationRods(List<Lesion> out) {
        Object[][] rods = {{Material.URATE, 15.0}, {Material.URATE, 30.0}, {Material.URATE, 45.0}, {Material.URATE, 60.0},
            {Material.CALCIUM, 50.0}, {Material.CALCIUM, 100.0}, {Material.CALCIUM, 200.0}, {Material.CALCIUM, 400.0},
            {Material.SOFT_TISSUE, 0.0}, {Material.FAT, 0.0}};
        for (int i = 0; i < rods.length; i++) {
            double angle = 2 * Math.PI * i / rods.length;
            out.add(new Lesion(out.size() + 1, (Material) rods[i][0], (Double) rods[i][1], "calibration rod",
                    Ellipsoid.cylinder(30 * Math.cos(angle), 30 * Math.sin(angle), 4, 4)));
        }
    }

    /** Inside the body, clear of both bones (with 1 mm to spare) and of the other deposits. */
    private static boolean fits(Ellipsoid s, List<Lesion> others) {
        double[][] corners = {{s.cx() - s.rx(), s.cy()}, {s.cx() + s.rx(), s.cy()}, {s.cx(), s.cy() - s.ry()}, {s.cx(), s.cy() + s.ry()},
            {s.cx(), s.cy()}};
        for (double[] c : corners) {
            if (!inside(BODY.shrunk(SKIN_MM), c) || inside(RADIUS.shrunk(-1), c) || inside(ULNA.shrunk(-1), c)) {
                return false;
            }
        }
        for (Lesion o : others) {
            Ellipsoid t = o.shape();
            double dx = s.cx() - t.cx();
            double dy = s.cy() - t.cy();
            double dz = s.cz() - t.cz();
            double reach = Math.max(s.rx(), Math.max(s.ry(), s.rz())) + Math.max(t.rx(), Math.max(t.ry(), t.rz())) + 1;
            if (dx * dx + dy * dy + dz * dz < reach * reach) {
                return false;
            }
        }
        return true;
    }

    private static boolean inside(Ellipsoid e, double[] p) {
        double u = (p[0] - e.cx()) / e.rx();
        double v = (p[1] - e.cy()) / e.ry();
        return u * u + v * v <= 1;
    }
}
