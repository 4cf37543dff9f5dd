package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dect.testdata.Lesion.Material;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

/**
 * The phantom against the numbers of shared/docs/physics.md (typed here from the document, not from
 * the code) and against geometry: a deposit's volume as the voxels see it must equal its ellipsoid.
 */
class PhantomGeneratorTest {

    private static final PhantomSpec GOUT = PhantomSpec.defaults(Scenario.GOUT).withSize(128, 128, 60);

    /** HU at the voxel nearest to patient point (x, y, z mm). */
    private static int[] huAt(Phantom p, double x, double y, double z) {
        VolumeGeometry g = p.low().geometry();
        int ix = (int) Math.round((x - g.slicePositions()[0][0]) / g.columnSpacing());
        int iy = (int) Math.round((y - g.slicePositions()[0][1]) / g.rowSpacing());
        int iz = (int) Math.round((z - g.slicePositions()[0][2]) / g.sliceSpacing());
        return new int[] {p.low().get(ix, iy, iz), p.high().get(ix, iy, iz)};
    }

    /** The wrist at 10 cm of water, where physics.md's main table was made, by a perfect scanner. */
    private static final PhantomSpec TEN_CM = GOUT.withNoise(0, 0).withResolution(PhantomSpec.Resolution.SHARP)
            .withBody(PhantomSpec.Body.of(Anatomy.WRIST).withWaterPath(10));

    /**
     * A slice through the radius's shaft, 8 mm before the middle of a 60-slice scan; there the limb is
     * 0.98 of its mean width, and the radius's cortex runs from x = −20.6 to −19.0 mm.
     */
    private static final double SHAFT_Z = -8;
    private static final double RADIUS_CORTEX_X = -19.8;

    @Test
    void noiseFreeTissuesHaveTheirPhysicsNumbers() {
        Phantom p = PhantomGenerator.generate(TEN_CM.withSize(256, 256, 60));
        // 80/Sn150, physics.md: soft tissue -15/-9, adipose -126/-88, cortical bone 2025/1040.
        assertArrayEquals(new int[] {-15, -9}, huAt(p, -22, 6, SHAFT_Z), 1, "soft tissue beside the radius");
        assertArrayEquals(new int[] {-126, -88}, huAt(p, 0, -18, SHAFT_Z), 1, "subcutaneous fat, 3 mm under the skin");
        assertArrayEquals(new int[] {2025, 1040}, huAt(p, RADIUS_CORTEX_X, 2, SHAFT_Z), 1, "radius cortex");
        assertArrayEquals(new int[] {-1000, -1000}, huAt(p, 50, 50, SHAFT_Z), 1, "air");
    }

    /** physics.md's body-part-size table, 25 cm: soft tissue -14/-9, fat -119/-86, cortical bone 1848/1008; and offsets add. */
    @Test
    void aLargerBodyHardensTheBeamAndOffsetsMoveTheTissues() {
        Phantom big = PhantomGenerator.generate(TEN_CM.withSize(256, 256, 60).withBody(PhantomSpec.Body.of(Anatomy.WRIST).withWaterPath(25)));
        assertArrayEquals(new int[] {-14, -9}, huAt(big, -22, 6, SHAFT_Z), 1, "soft tissue at 25 cm");
        assertArrayEquals(new int[] {-119, -86}, huAt(big, 0, -18, SHAFT_Z), 1, "fat at 25 cm");
        assertArrayEquals(new int[] {1848, 1008}, huAt(big, RADIUS_CORTEX_X, 2, SHAFT_Z), 1, "cortical bone at 25 cm");
        Phantom offset = PhantomGenerator.generate(TEN_CM.withSize(256, 256, 60).withBody(PhantomSpec.Body.of(Anatomy.WRIST).withWaterPath(10)
                .withOffsets(new double[] {50, 45}, new double[] {30, 25})));
        assertArrayEquals(new int[] {35, 36}, huAt(offset, -22, 6, SHAFT_Z), 1, "soft tissue 50/45 HU up");
        assertArrayEquals(new int[] {-96, -63}, huAt(offset, 0, -18, SHAFT_Z), 1, "fat 30/25 HU up");
    }

    /**
     * A tophus's centre: physics.md's row for its concentration (MSU in water), with the soft tissue in
     * place of the water, which is the share of the volume MSU (1.92 g/cm³) leaves: at 60 % w/w that is
     * 40/(60/1.92 + 40) = 0.56, so 345 − 0.56·15 = 336.6 and 337 − 0.56·9 = 332.0 at 80/Sn150; at 15 %
     * it is 85/(15/1.92 + 85) = 0.916: 66 − 13.7 = 52.3 and 65 − 8.2 = 56.8.
     */
    @Test
    void depositCentresHaveTheirPhysicsNumbers() {
        Phantom p = PhantomGenerator.generate(TEN_CM);
        int checked = 0;
        for (Phantom.LesionTruth t : p.truth().lesions()) {
            double[] c = t.lesion().shape().centre();
            if (t.lesion().material() == Material.URATE && t.lesion().concentration() == 60) {
                assertArrayEquals(new int[] {337, 332}, huAt(p, c[0], c[1], c[2]), 1, "60 % w/w tophus");
                checked++;
            }
            if (t.lesion().material() == Material.URATE && t.lesion().concentration() == 15) {
                assertArrayEquals(new int[] {52, 57}, huAt(p, c[0], c[1], c[2]), 1, "15 % w/w tophus");
                checked++;
            }
        }
        assertEquals(2, checked, "the faintest and the densest tophus are always there");
    }

    /** A patient's burden varies: deposits move, grow and change with the seed, between 1.5 and 4 mm radius. */
    @Test
    void theSeedPlacesTheDeposits() {
        for (Anatomy anatomy : Anatomy.values()) {
            PhantomSpec spec = GOUT.withSize(96, 96, 80).withAnatomy(anatomy);
            for (long seed = 1; seed <= 12; seed++) { // the accuracy harness counts on six tophi and three calcium deposits at any seed
                List<Lesion> lesions = PhantomGenerator.lesions(spec.withSeed(seed));
                assertEquals(6, lesions.stream().filter(l -> l.material() == Material.URATE).count(), anatomy + " seed " + seed + ": six tophi");
                assertEquals(3, lesions.stream().filter(l -> l.material() == Material.CALCIUM).count(), anatomy + " seed " + seed + ": three calcium");
            }
            Phantom a = PhantomGenerator.generate(spec);
            Phantom b = PhantomGenerator.generate(spec.withSeed(2));
            for (Phantom.LesionTruth t : a.truth().lesions()) {
                if (t.lesion().material() == Material.URATE) {
                    double r = Math.cbrt(t.analyticMl() * 1000 * 3 / (4 * Math.PI));
                    assertTrue(r >= 1.5 * 0.8 - 1e-9 && r <= 4 * 1.2 + 1e-9, anatomy + ": tophus of " + r + " mm");
                }
            }
            assertTrue(Math.abs(a.truth().urateVolumeMl() - b.truth().urateVolumeMl()) > 1e-3, anatomy + ": another seed, another burden");
        }
    }

    @Test
    void voxelisedVolumesMatchTheEllipsoids() {
        Phantom p = PhantomGenerator.generate(GOUT.withSize(256, 256, 60)); // the default 0.47 mm pixels
        double labelled = 0;
        for (byte[] slice : p.truth().labels()) {
            for (byte b : slice) {
                labelled += b == Phantom.URATE ? 1 : 0;
            }
        }
        double voxelMl = p.low().geometry().voxelVolumeMm3() / 1000;
        double analytic = 0;
        for (Phantom.LesionTruth t : p.truth().lesions()) {
            // Partial-volume fractions must add up to the shape: within 3 % for deposits of a few mm.
            assertEquals(t.analyticMl(), t.voxelisedMl(), 0.03 * t.analyticMl(), "deposit " + t.lesion().id());
            if (t.lesion().material() == Material.URATE) {
                analytic += t.analyticMl();
            }
        }
        assertEquals(analytic, p.truth().urateVolumeMl(), 0.02 * analytic);
        // Voxels at least half urate: the same volume to within the rim's discretisation.
        assertEquals(p.truth().urateVolumeMl(), labelled * voxelMl, 0.08 * p.truth().urateVolumeMl());
        assertTrue(p.truth().urateVolumeMl() > 0.3, "gout phantom holds a clinically sized urate burden");
    }

    @Test
    void noiseHasTheRequestedLevelAndIsCorrelated() {
        Phantom clean = PhantomGenerator.generate(GOUT.withNoise(0, 0).withSize(128, 128, 8));
        Phantom noisy = PhantomGenerator.generate(GOUT.withSize(128, 128, 8));
        assertEquals(20, sd(noisy.low(), clean.low()), 1.0);
        assertEquals(12, sd(noisy.high(), clean.high()), 0.7);
        assertTrue(neighbourCorrelation(noisy.low(), clean.low()) > 0.3, "noise is correlated between neighbours");
        assertTrue(Math.abs(crossCorrelation(noisy, clean)) < 0.05, "energies have independent noise");
    }

    @Test
    void sameSeedSamePhantom() {
        PhantomSpec small = GOUT.withSize(64, 64, 6);
        assertEquals(PhantomGenerator.generate(small).low().slices()[3][2000], PhantomGenerator.generate(small).low().slices()[3][2000]);
        short[] a = PhantomGenerator.generate(small).low().slices()[3];
        short[] b = PhantomGenerator.generate(small.withSeed(2)).low().slices()[3];
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(differ > a.length / 2, "another seed, other noise");
    }

    @Test
    void calcinosisHasCalciumOnly() {
        for (Anatomy anatomy : Anatomy.values()) {
            Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.CALCINOSIS).withSize(128, 128, 60).withAnatomy(anatomy));
            assertEquals(0, p.truth().urateVolumeMl());
            assertTrue(p.truth().lesions().size() >= 12, anatomy + ": many small deposits, " + p.truth().lesions().size());
            for (Phantom.LesionTruth t : p.truth().lesions()) {
                assertEquals(Material.CALCIUM, t.lesion().material());
                assertTrue(t.lesion().concentration() >= 50 && t.lesion().concentration() <= 400);
                assertTrue(t.analyticMl() < 0.3, anatomy + ": small deposit, " + t.analyticMl() + " mL at " + t.lesion().site());
            }
        }
    }

    /** Noise inside the body only: in air, scanners (and the phantom) clip at -1024 HU. */
    private static boolean inBody(HuVolume clean, int z, int i) {
        return clean.slices()[z][i] > -500;
    }

    private static double sd(HuVolume noisy, HuVolume clean) {
        double sum = 0;
        double sum2 = 0;
        long n = 0;
        for (int z = 0; z < noisy.slices().length; z++) {
            for (int i = 0; i < noisy.slices()[z].length; i++) {
                if (!inBody(clean, z, i)) {
                    continue;
                }
                double d = noisy.slices()[z][i] - clean.slices()[z][i];
                sum += d;
                sum2 += d * d;
                n++;
            }
        }
        return Math.sqrt(sum2 / n - (sum / n) * (sum / n));
    }

    private static double neighbourCorrelation(HuVolume noisy, HuVolume clean) {
        double num = 0;
        double den = 0;
        int columns = noisy.geometry().columns();
        for (int z = 0; z < noisy.slices().length; z++) {
            for (int i = 0; i + 1 < noisy.slices()[z].length; i++) {
                if ((i + 1) % columns == 0 || !inBody(clean, z, i) || !inBody(clean, z, i + 1)) {
                    continue;
                }
                double a = noisy.slices()[z][i] - clean.slices()[z][i];
                double b = noisy.slices()[z][i + 1] - clean.slices()[z][i + 1];
                num += a * b;
                den += a * a;
            }
        }
        return num / den;
    }

    private static double crossCorrelation(Phantom noisy, Phantom clean) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int z = 0; z < noisy.low().slices().length; z++) {
            for (int i = 0; i < noisy.low().slices()[z].length; i++) {
                if (!inBody(clean.low(), z, i)) {
                    continue;
                }
                double a = noisy.low().slices()[z][i] - clean.low().slices()[z][i];
                double b = noisy.high().slices()[z][i] - clean.high().slices()[z][i];
                ab += a * b;
                aa += a * a;
                bb += b * b;
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static void assertArrayEquals(int[] expected, int[] actual, int tolerance, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + (i == 0 ? " (low kVp)" : " (high kVp)"));
        }
    }
}
