package org.dect.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.dect.testdata.Anatomy.Bone;
import org.dect.testdata.Anatomy.Site;
import org.dect.testdata.Anatomy.Span;
import org.dect.testdata.Lesion.Material;
import org.dect.testdata.Phantom.GroundTruth;
import org.dect.testdata.Phantom.LesionTruth;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Simulates a dual-energy CT of an extremity ({@link Anatomy}): skin, subcutaneous fat and soft tissue
 * around bones with a cortex and a trabecular interior, tapering slightly along the limb, with urate
 * and/or calcium deposits in the soft tissue. CT numbers come from {@link KvpPair} (physics.md) for the
 * body part's size, plus the spec's tissue offsets; a deposit's matrix is the soft tissue it grows in
 * ({@link Tissues#deposit}). A voxel's value is the volume-weighted mix of the
 * materials in it (attenuation mixes linearly by volume), so edges carry partial volume; the scanner's
 * point-spread function and slice profile ({@link PhantomSpec.Resolution}) then blur it. Noise is
 * Gaussian, correlated in-plane like filtered back-projection noise, and independent between energies
 * (two tubes, two detectors). The truth (voxel fractions, labels) comes from the geometry alone.
 */
public final class PhantomGenerator {

    private static final double AIR = -1000;
    static final int MIN_HU = -1024;
    static final double SKIN_MM = 1.5;
    static final double FAT_MM = 3.0;
    /** Trabecular bone: a quarter cortical bone, the rest marrow of half fat, half soft tissue. */
    private static final double TRABECULAR_BONE_FRACTION = 0.25;
    /** Width (σ, pixels) of the Gaussian that correlates the noise in-plane. */
    private static final double NOISE_CORRELATION_PX = 0.8;
    /** How much the limb widens over the scanned length (a wrist towards the hand, a knee towards the joint). */
    private static final double TAPER = 0.08;

    private static final Ellipsoid WATER_CYLINDER = Ellipsoid.cylinder(0, 0, 45, 45);
    /** The rod phantom is a 90 mm water cylinder: about the 10 cm of water of physics.md's main table. */
    static final double CALIBRATION_WATER_PATH_CM = 10;
    private static final double[] WATER = {0, 0};

    /** Tophi of 1.5 to 4 mm radius (issue 16): a 1.5 mm one holds about 100 voxels of 0.47 × 0.47 × 0.6 mm. */
    static final double MIN_TOPHUS_MM = 1.5;
    static final double MAX_TOPHUS_MM = 4;
    static final int TOPHI = 6;
    static final double[] TOPHUS_PERCENT = {15, 22, 30, 40, 50, 60};
    /** Calcium of a gout scan overlaps urate at low kVp (114–380 HU at 80 kVp). */
    static final double[] GOUT_CALCIUM_MG = {60, 120, 200};
    static final int CALCINOSIS_DEPOSITS = 14;

    private PhantomGenerator() { }

    public static Phantom generate(PhantomSpec spec) {
        VolumeGeometry geometry = geometry(spec);
        Span span = span(geometry);
        List<Bone> bones = spec.scenario() == Scenario.CALIBRATION ? List.of() : spec.anatomy().bones(span);
        List<Lesion> lesions = lesions(spec, span, bones);
        Tissues tissues = Tissues.of(spec);
        int n = spec.columns() * spec.rows();
        float[][] low = new float[spec.slices()][n];
        float[][] high = new float[spec.slices()][n];
        byte[][] labels = new byte[spec.slices()][n];
        double[][] lesionVoxels = new double[spec.slices()][lesions.size()];
        IntStream.range(0, spec.slices()).parallel().forEach(z ->
                slice(spec, geometry, tissues, bones, lesions, z, low[z], high[z], labels[z], lesionVoxels[z]));
        short[][] lowHu = scanned(spec, geometry, low, spec.noiseLow(), 0);
        short[][] highHu = scanned(spec, geometry, high, spec.noiseHigh(), 1);

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
            double analyticMm3 = Double.isInfinite(l.shape().volumeMm3())
                    ? Math.PI * l.shape().radii()[0] * l.shape().radii()[1] * spec.slices() * geometry.sliceSpacing()
                    : l.shape().volumeMm3();
            truths.add(new LesionTruth(l, analyticMm3 / 1000, ml, tissues.deposit(l)));
            if (l.material() == Material.URATE) {
                urate += ml;
            } else if (l.material() == Material.CALCIUM) {
                calcium += ml;
            }
        }
        GroundTruth truth = new GroundTruth(urate, calcium, labels, List.copyOf(truths));
        return new Phantom(spec, new HuVolume(geometry, lowHu), new HuVolume(geometry, highHu), truth);
    }

    static VolumeGeometry geometry(PhantomSpec spec) {
        double pixel = spec.pixelMm();
        double[][] positions = new double[spec.slices()][];
        double z0 = -(spec.slices() - 1) * PhantomSpec.SLICE_SPACING_MM / 2;
        for (int z = 0; z < spec.slices(); z++) {
            positions[z] = new double[] {-(spec.columns() - 1) * pixel / 2, -(spec.rows() - 1) * pixel / 2,
                z0 + z * PhantomSpec.SLICE_SPACING_MM};
        }
        // Slice Thickness is the nominal width of the slice profile, as scanners record it.
        double thickness = spec.resolution().sliceFwhmMm() > 0 ? spec.resolution().sliceFwhmMm() : PhantomSpec.SLICE_SPACING_MM;
        return new VolumeGeometry(spec.columns(), spec.rows(), pixel, pixel, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                positions, PhantomSpec.SLICE_SPACING_MM, thickness);
    }

    private static Span span(VolumeGeometry g) {
        return new Span(g.slicePositions()[0][2], g.sliceSpacing() * (g.slices() - 1));
    }

    /** [low, high] HU of the phantom's materials: the pair at the body's size, plus the body's offsets. */
    record Tissues(Materials materials, double[] soft, double[] fat, double[] cortical, double[] trabecular) {

        static Tissues of(PhantomSpec spec) {
            double path = spec.scenario() == Scenario.CALIBRATION ? CALIBRATION_WATER_PATH_CM : spec.body().waterPathCm();
            Materials m = spec.pair().atSize(path);
            double[] soft = plus(m.softTissue(), spec.body().softTissueOffsetHu());
            double[] fat = plus(m.fat(), spec.body().fatOffsetHu());
            double[] trabecular = new double[2];
            for (int e = 0; e < 2; e++) {
                double marrow = 0.5 * fat[e] + 0.5 * soft[e];
                trabecular[e] = TRABECULAR_BONE_FRACTION * m.corticalBone()[e] + (1 - TRABECULAR_BONE_FRACTION) * marrow;
            }
            return new Tissues(m, soft, fat, m.corticalBone(), trabecular);
        }

        /**
         * What a deposit reads. physics.md's rows are the material mixed with water; in the body the
         * deposit's matrix is soft tissue, which takes the place of that water: the non-deposit share of
         * its volume, 1 − v. MSU (1.92 g/cm³, physics.md) at w % w/w fills v = (w/1.92) / (w/1.92 + 100 − w)
         * of the volume (44 % at 60 % w/w); hydroxyapatite (3.16 g/cm³) at c mg/cm³ fills c / 3160.
         */
        double[] deposit(Lesion l) {
            return switch (l.material()) {
                case URATE -> inMatrix(materials.msu(l.concentration()), msuVolumeShare(l.concentration()));
                case CALCIUM -> inMatrix(materials.ha(l.concentration()), l.concentration() / (HA_DENSITY * 1000));
                case SOFT_TISSUE -> soft.clone();
                case FAT -> fat.clone();
            };
        }

        private double[] inMatrix(double[] inWater, double depositShare) {
            return new double[] {inWater[0] + (1 - depositShare) * soft[0], inWater[1] + (1 - depositShare) * soft[1]};
        }

        static double msuVolumeShare(double percent) {
            double msu = percent / MSU_DENSITY;
            return msu / (msu + 100 - percent);
        }

        private static double[] plus(double[] a, double[] b) {
            return new double[] {a[0] + b[0], a[1] + b[1]};
        }
    }

    /** Densities of monosodium urate monohydrate and hydroxyapatite, g/cm³ (physics.md). */
    static final double MSU_DENSITY = 1.92;
    static final double HA_DENSITY = 3.16;

    /** The noise-free slice z as partial volume makes it, into lo and hi; its truth labels and lesion fractions. */
    private static void slice(PhantomSpec spec, VolumeGeometry g, Tissues t, List<Bone> bones, List<Lesion> lesions, int z,
                              float[] lo, float[] hi, byte[] labels, double[] lesionVoxels) {
        double zmm = g.slicePositions()[z][2];
        double w = g.columnSpacing();
        double wz = g.sliceSpacing();
        double scale = 1 + TAPER * (z / (double) Math.max(1, spec.slices() - 1) - 0.5);
        Ellipsoid skin = spec.anatomy().body.scaledInPlane(scale);
        Ellipsoid fat = skin.shrunk(SKIN_MM);
        Ellipsoid soft = skin.shrunk(SKIN_MM + FAT_MM);
        List<Bone> here = bones.stream().filter(b -> !b.outline().farInZ(zmm, wz)).map(b -> b.scaledInPlane(scale)).toList();
        int[] near = IntStream.range(0, lesions.size()).filter(i -> !lesions.get(i).shape().farInZ(zmm, wz)).toArray();
        double[][] lesionHu = lesions.stream().map(t::deposit).toArray(double[][]::new);
        double[] v = new double[2];
        boolean moved = spec.change().moves();
        for (int y = 0; y < g.rows(); y++) {
            for (int x = 0; x < g.columns(); x++) {
                double[] pos = g.toPatient(x, y, z);
                if (moved) {
                    pos = spec.change().unplace(pos[0], pos[1]);
                }
                double px = pos[0];
                double py = pos[1];
                v[0] = AIR;
                v[1] = AIR;
                if (spec.scenario() == Scenario.CALIBRATION) {
                    paint(v, WATER_CYLINDER.coverage(px, py, zmm, w, w, wz), WATER);
                } else if (skin.reaches(px, py, zmm, w)) {
                    paint(v, skin.coverage(px, py, zmm, w, w, wz), t.soft());
                    paint(v, fat.coverage(px, py, zmm, w, w, wz), t.fat());
                    paint(v, soft.coverage(px, py, zmm, w, w, wz), t.soft());
                    for (Bone bone : here) {
                        if (bone.outline().reaches(px, py, zmm, w)) {
                            paint(v, bone.outline().coverage(px, py, zmm, w, w, wz), t.cortical());
                            paint(v, bone.interior().coverage(px, py, zmm, w, w, wz), t.trabecular());
                        }
                    }
                }
                int i = y * g.columns() + x;
                double urate = 0;
                double calcium = 0;
                for (int k : near) {
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
    }

    /**
     * The image a scanner makes of the noise-free one: blurred by its slice profile and point-spread
     * function, then noise added, then stored as whole HU, nothing below −1024.
     */
    private static short[][] scanned(PhantomSpec spec, VolumeGeometry g, float[][] ideal, double sigma, int energy) {
        float[][] blurred = blurAlongZ(ideal, spec.resolution().sliceFwhmMm() / FWHM_PER_SIGMA / g.sliceSpacing());
        double inPlanePx = spec.resolution().inPlaneFwhmMm() / FWHM_PER_SIGMA / g.columnSpacing();
        short[][] out = new short[blurred.length][];
        IntStream.range(0, blurred.length).parallel().forEach(z -> {
            float[] image = blurred[z];
            if (inPlanePx > 0) {
                float[] b = blurInPlane(image, g.columns(), gaussian(inPlanePx));
                System.arraycopy(b, 0, image, 0, image.length);
            }
            addNoise(image, g.columns(), sigma, new SplittableRandom(mix(spec.seed(), z, energy)));
            short[] s = new short[image.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) Math.max(MIN_HU, Math.round(image[i]));
            }
            out[z] = s;
        });
        return out;
    }

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
    private static final double NARROW = 0.8;

    /** The volume convolved along z with a Gaussian of sigma slices (the slices themselves when sigma is 0); edges clamp. */
    private static float[][] blurAlongZ(float[][] v, double sigma) {
        if (sigma <= 0) {
            return v;
        }
        double[] k = gaussian(sigma);
        int r = k.length / 2;
        float[][] out = new float[v.length][];
        IntStream.range(0, v.length).parallel().forEach(z -> {
            float[] o = new float[v[z].length];
            for (int j = -r; j <= r; j++) {
                float[] src = v[Math.min(v.length - 1, Math.max(0, z + j))];
                float w = (float) k[j + r];
                for (int i = 0; i < o.length; i++) {
                    o[i] += w * src[i];
                }
            }
            out[z] = o;
        });
        return out;
    }

    /**
     * A normalised kernel of variance sigma² (in samples): the sampled Gaussian, 3 sigma each side; below
     * {@value #NARROW} samples, where samples of a Gaussian lose most of its width (at 0.42 a third of
     * the variance), the three-tap kernel [σ²/2, 1 − σ², σ²/2], whose variance is σ² exactly.
     */
    private static double[] gaussian(double sigma) {
        if (sigma < NARROW) {
            double v = sigma * sigma;
            return new double[] {v / 2, 1 - v, v / 2};
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** Replaces fraction f of the voxel's content by the material: v ← v + f·(m − v), per energy. */
    private static void paint(double[] v, double f, double[] material) {
        if (f > 0) {
            v[0] += f * (material[0] - v[0]);
            v[1] += f * (material[1] - v[1]);
        }
    }

    /** Adds white Gaussian noise blurred by a separable Gaussian and rescaled to standard deviation sigma. */
    static void addNoise(float[] image, int columns, double sigma, SplittableRandom random) {
        if (sigma == 0) {
            return;
        }
        double[] k = gaussian(NOISE_CORRELATION_PX);
        double energy = 0;
        for (double w : k) {
            energy += w * w;
        }
        double gain = sigma / energy; // 2-D separable: output variance = (Σk²)² per unit white variance
        float[] white = new float[image.length];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) random.nextGaussian();
        }
        float[] correlated = blurInPlane(white, columns, k);
        for (int i = 0; i < image.length; i++) {
            image[i] += (float) (gain * correlated[i]);
        }
    }

    /** The image convolved with the kernel along x, then along y; edges clamp. */
    private static float[] blurInPlane(float[] image, int columns, double[] k) {
        int rows = image.length / columns;
        int radius = k.length / 2;
        float[] tmp = new float[image.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double s = 0;
                for (int j = -radius; j <= radius; j++) {
                    int xx = Math.min(columns - 1, Math.max(0, x + j));
                    s += k[j + radius] * image[y * columns + xx];
                }
                tmp[y * columns + x] = (float) s;
            }
        }
        float[] out = new float[image.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double s = 0;
                for (int j = -radius; j <= radius; j++) {
                    int yy = Math.min(rows - 1, Math.max(0, y + j));
                    s += k[j + radius] * tmp[yy * columns + x];
                }
                out[y * columns + x] = (float) s;
            }
        }
        return out;
    }

    private static long mix(long seed, int z, int energy) {
        return seed * 0x9E3779B97F4A7C15L + z * 0xBF58476D1CE4E5B9L + energy * 0x94D049BB133111EBL;
    }

    /** The deposits the spec's phantom holds, without drawing the phantom. */
    static List<Lesion> lesions(PhantomSpec spec) {
        Span span = span(geometry(spec));
        return lesions(spec, span, spec.scenario() == Scenario.CALIBRATION ? List.of() : spec.anatomy().bones(span));
    }

    /** The deposits of the scenario, drawn from the seed among the anatomy's sites, each fitting in soft tissue. */
    static List<Lesion> lesions(PhantomSpec spec, Span span, List<Bone> bones) {
        SplittableRandom r = new SplittableRandom(spec.seed() * 31 + 7);
        Placement placement = new Placement(spec.anatomy(), span, bones);
        List<Lesion> out = new ArrayList<>();
        switch (spec.scenario()) {
            case GOUT -> {
                List<Site> sites = shuffled(spec.anatomy().urateSites(), r);
                double[] percents = shuffled(TOPHUS_PERCENT, r);
                for (Site site : sites) {
                    if (out.size() == TOPHI) {
                        break;
                    }
                    double radius = MIN_TOPHUS_MM + r.nextDouble() * (MAX_TOPHUS_MM - MIN_TOPHUS_MM);
                    Shape shape = placement.nodule(site, radius, MIN_TOPHUS_MM, r, out);
                    if (shape != null) {
                        out.add(new Lesion(out.size() + 1, Material.URATE, percents[out.size()], site.name(), shape));
                    }
                }
                int calcium = 0;
                for (Site site : shuffled(spec.anatomy().calciumSites(), r)) {
                    if (calcium == GOUT_CALCIUM_MG.length) {
                        break;
                    }
                    Shape shape = placement.calcium(site, 1.2 + r.nextDouble() * 1.3, r, out);
                    if (shape != null) {
                        out.add(new Lesion(out.size() + 1, Material.CALCIUM, GOUT_CALCIUM_MG[calcium++], site.name(), shape));
                    }
                }
            }
            case CALCINOSIS -> {
                // The anatomy's own calcium sites first (vessel walls, menisci), then deposits drawn from its regions.
                for (Site site : spec.anatomy().calciumSites()) {
                    Shape shape = placement.calcium(site, 0.8 + r.nextDouble() * 1.2, r, out);
                    if (shape != null) {
                        out.add(new Lesion(out.size() + 1, Material.CALCIUM, Math.round(50 * Math.pow(8, r.nextDouble())), site.name(), shape));
                    }
                }
                Anatomy.CalcinosisRegion region = spec.anatomy().calcinosis();
                for (int attempt = 0; out.size() < CALCINOSIS_DEPOSITS && attempt < 10_000; attempt++) {
                    int s = attempt % region.sites().size();
                    Shape shape = s == 0 ? placement.inFat(0.8 + r.nextDouble() * 0.7, r, out)
                            : placement.inBox(region.boxes()[s], 0.8 + r.nextDouble() * 1.2, r, out);
                    if (shape != null) {
                        out.add(new Lesion(out.size() + 1, Material.CALCIUM, Math.round(50 * Math.pow(8, r.nextDouble())),
                                region.sites().get(s), shape));
                    }
                }
            }
            case CALIBRATION -> calibrationRods(out);
        }
        return changed(out, spec.change());
    }

    /** The deposits as the spec's change has them: grown or shrunk about their centres, or absent. */
    private static List<Lesion> changed(List<Lesion> seeds, PhantomSpec.Change change) {
        List<Lesion> out = new ArrayList<>();
        for (Lesion l : seeds) {
            double f = change.volumeFactors().getOrDefault(l.id(), 1.0);
            if (f == 0) {
                continue;
            }
            if (f == 1) {
                out.add(l);
            } else if (l.shape() instanceof Ellipsoid e) {
                double k = Math.cbrt(f);
                out.add(new Lesion(l.id(), l.material(), l.concentration(), l.site(),
                        new Ellipsoid(e.cx(), e.cy(), e.cz(), e.rx() * k, e.ry() * k, e.rz() * k)));
            } else {
                throw new IllegalArgumentException("deposit " + l.id() + " is a shell: it may be absent, not grow or shrink");
            }
        }
        return out;
    }

    private static <T> List<T> shuffled(List<T> items, SplittableRandom r) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static double[] shuffled(double[] items, SplittableRandom r) {
        double[] out = items.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
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

    /**
     * Where a deposit may go: in the soft tissue (the fat layer for fat-pad calcinosis), at least a
     * millimetre from every bone and from every other deposit, wholly inside the scanned length.
     */
    private record Placement(Anatomy anatomy, Span span, List<Bone> bones) {

        static final double CLEARANCE_MM = 1.0;

        /** Jittered centres tried per site before it is given up. */
        static final int TRIES = 6;

        /**
         * A tophus or nodule near the site, its radius shrunk towards {@code least} until it fits, at
         * up to {@value #TRIES} centres jittered about the site; null when none fits.
         */
        Shape nodule(Site site, double radius, double least, SplittableRandom r, List<Lesion> others) {
            double[] aspect = {0.8 + 0.4 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble()};
            for (int attempt = 0; attempt < TRIES; attempt++) {
                double x = site.x() + (r.nextDouble() - 0.5) * 3;
                double y = site.y() + (r.nextDouble() - 0.5) * 3;
                double z = span.z(Math.max(0.08, Math.min(0.92, site.zFraction() + (r.nextDouble() - 0.5) * 0.06)));
                for (double rad = radius; rad >= least - 1e-9; rad -= 0.25) {
                    Ellipsoid e = new Ellipsoid(x, y, z, rad * aspect[0], rad * aspect[1], rad * aspect[2]);
                    if (fits(e, soft(), others)) {
                        return e;
                    }
                }
            }
            return null;
        }

        /**
         * A calcium deposit at a site, shaped as such deposits are: a ring in a vessel's wall (arteries), a
         * thin wafer in a meniscus (chondrocalcinosis), a nodule elsewhere.
         */
        Shape calcium(Site site, double radius, SplittableRandom r, List<Lesion> others) {
            String name = site.name();
            double z = span.z(site.zFraction());
            if (name.contains("artery")) {
                double outer = 2.2 + 0.8 * r.nextDouble();
                double wall = 0.6 + 0.3 * r.nextDouble();
                double length = 6 + 3 * r.nextDouble();
                Ellipsoid tube = new Ellipsoid(site.x(), site.y(), z, outer, outer, length);
                return fits(tube, soft(), others) ? new Shell(tube, new Ellipsoid(site.x(), site.y(), z, outer - wall, outer - wall, length))
                        : null;
            }
            if (name.contains("meniscus")) {
                Ellipsoid wafer = new Ellipsoid(site.x(), site.y(), z, 5 + 3 * r.nextDouble(), 3 + 2 * r.nextDouble(), 0.8 + 0.4 * r.nextDouble());
                return fits(wafer, soft(), others) ? wafer : null;
            }
            return nodule(site, radius, 0.8, r, others);
        }

        /** A calcinosis nodule anywhere in a box {x from, x to, y from, y to} of the slice plane. */
        Shape inBox(double[] box, double radius, SplittableRandom r, List<Lesion> others) {
            Site site = new Site("box", box[0] + r.nextDouble() * (box[1] - box[0]), box[2] + r.nextDouble() * (box[3] - box[2]),
                    0.15 + 0.7 * r.nextDouble());
            return nodule(site, radius, radius, r, others);
        }

        /** A calcinosis nodule in the subcutaneous fat, all round the limb. */
        Shape inFat(double radius, SplittableRandom r, List<Lesion> others) {
            double angle = r.nextDouble() * 2 * Math.PI;
            Ellipsoid mid = anatomy.body.shrunk(SKIN_MM + FAT_MM / 2);
            double rad = Math.min(radius, FAT_MM / 2);
            double z = span.z(0.15 + 0.7 * r.nextDouble());
            Ellipsoid e = new Ellipsoid(mid.rx() * Math.cos(angle), mid.ry() * Math.sin(angle), z, rad, rad * (0.7 + 0.3 * r.nextDouble()),
                    rad * 1.3);
            return fits(e, anatomy.body.shrunk(SKIN_MM * 0.5), others) ? e : null;
        }

        /** Soft tissue: inside the fat layer at the narrow end of the taper. */
        private Ellipsoid soft() {
            return anatomy.body.scaledInPlane(1 - TAPER / 2).shrunk(SKIN_MM + FAT_MM + 0.3);
        }

        private boolean fits(Ellipsoid s, Ellipsoid within, List<Lesion> others) {
            if (s.cz() - s.rz() < span.z(0.02) || s.cz() + s.rz() > span.z(0.98)) {
                return false;
            }
            for (double[] p : probes(s)) {
                if (!within.inside(p[0], p[1], p[2])) {
                    return false;
                }
                for (Bone b : bones) {
                    if (b.outline().distance(p[0], p[1], p[2]) < CLEARANCE_MM) {
                        return false;
                    }
                }
            }
            for (Lesion o : others) {
                double[] c = o.shape().centre();
                double[] rr = o.shape().radii();
                double dx = s.cx() - c[0];
                double dy = s.cy() - c[1];
                double dz = s.cz() - c[2];
                double reach = Math.max(s.rx(), Math.max(s.ry(), s.rz())) + Math.max(rr[0], Math.max(rr[1], rr[2])) + CLEARANCE_MM;
                if (dx * dx + dy * dy + dz * dz < reach * reach) {
                    return false;
                }
            }
            return true;
        }

        /** The centre, the six ends of the axes and the eight corners of the inscribed box. */
        private static List<double[]> probes(Ellipsoid e) {
            List<double[]> p = new ArrayList<>();
            p.add(new double[] {e.cx(), e.cy(), e.cz()});
            for (int s = -1; s <= 1; s += 2) {
                p.add(new double[] {e.cx() + s * e.rx(), e.cy(), e.cz()});
                p.add(new double[] {e.cx(), e.cy() + s * e.ry(), e.cz()});
                p.add(new double[] {e.cx(), e.cy(), e.cz() + s * e.rz()});
            }
            double k = 1 / Math.sqrt(3);
            for (int sx = -1; sx <= 1; sx += 2) {
                for (int sy = -1; sy <= 1; sy += 2) {
                    for (int sz = -1; sz <= 1; sz += 2) {
                        p.add(new double[] {e.cx() + sx * k * e.rx(), e.cy() + sy * k * e.ry(), e.cz() + sz * k * e.rz()});
                    }
                }
            }
            return p;
        }
    }
}
