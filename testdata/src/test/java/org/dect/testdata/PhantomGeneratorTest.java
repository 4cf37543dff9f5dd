package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void noiseFreeTissuesHaveTheirPhysicsNumbers() {
        Phantom p = PhantomGenerator.generate(GOUT.withNoise(0, 0).withSize(256, 256, 20));
        // 80/Sn150, physics.md: soft tissue -15/-9, adipose -126/-88, cortical bone 2025/1040.
        assertArrayEquals(new int[] {-15, -9}, huAt(p, -22, 6, 0), 1, "soft tissue beside the radius");
        assertArrayEquals(new int[] {-126, -88}, huAt(p, 0, -18, 0), 1, "subcutaneous fat, 3 mm under the skin");
        assertArrayEquals(new int[] {2025, 1040}, huAt(p, -20.2, 2, 0), 1, "radius cortex");
        assertArrayEquals(new int[] {-1000, -1000}, huAt(p, 50, 50, 0), 1, "air");
    }

    @Test
    void depositCentresHaveTheirPhysicsNumbers() {
        Phantom p = PhantomGenerator.generate(GOUT.withNoise(0, 0));
        // physics.md, 80/Sn150: MSU 60 % 345/337, 45 % 235/230; HA 400 mg/cm3 761/357.
        double[][] expected = {{345, 337}, {235, 230}, {172, 168}, {116, 114}, {66, 65}};
        for (int i = 0; i < expected.length; i++) {
            Ellipsoid s = p.truth().lesions().get(i).lesion().shape();
            assertArrayEquals(new int[] {(int) expected[i][0], (int) expected[i][1]}, huAt(p, s.cx(), s.cy(), s.cz()), 1,
                    "urate deposit " + (i + 1));
        }
        Ellipsoid ha400 = p.truth().lesions().get(6).lesion().shape();
        assertEquals(400, p.truth().lesions().get(6).lesion().concentration());
        assertArrayEquals(new int[] {761, 357}, huAt(p, ha400.cx(), ha400.cy(), ha400.cz()), 1, "HA 400");

        Phantom p140 = PhantomGenerator.generate(GOUT.withNoise(0, 0).withPair(KvpPair.P80_140));
        assertArrayEquals(new int[] {761, 491}, huAt(p140, ha400.cx(), ha400.cy(), ha400.cz()), 1, "HA 400 at 80/140");
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
        Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.CALCINOSIS).withSize(128, 128, 60));
        assertEquals(0, p.truth().urateVolumeMl());
        assertTrue(p.truth().lesions().size() >= 12, "many small deposits");
        for (Phantom.LesionTruth t : p.truth().lesions()) {
            assertEquals(Material.CALCIUM, t.lesion().material());
            assertTrue(t.lesion().concentration() >= 50 && t.lesion().concentration() <= 400);
            assertTrue(t.analyticMl() < 0.05, "small deposit");
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
