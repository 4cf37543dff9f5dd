package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/** Each fast kernel against a plain reference written here, on random voxels. */
class KernelTest {

    private static final Preset P = Presets.P80_SN150;
    private static final int N = 20_000;

    private static short[][] randomPair(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] low = new short[N];
        short[] high = new short[N];
        for (int i = 0; i < N; i++) {
            low[i] = (short) r.nextInt(-1024, 2500);
            high[i] = (short) r.nextInt(-1024, 1500);
        }
        return new short[][] {low, high};
    }

    @Test
    void ratioRuleMatchesPlainDivision() {
        short[][] v = randomPair(1);
        byte[] labels = new byte[N];
        RatioRuleKernel.classify(v[0], v[1], labels, N, 150, 500, 1.44f);
        int compared = 0;
        for (int i = 0; i < N; i++) {
            int l = v[0][i];
            int h = v[1][i];
            if (h > 0 && Math.abs((double) l / h - 1.44) < 1e-3) {
                continue; // the kernel's fixed-point cut-off may round either way here
            }
            byte expected = l < 150 || l > 500 ? Labels.NONE
                    : h > 0 && (double) l / h < 1.44 ? Labels.URATE : Labels.CALCIUM;
            assertEquals(expected, labels[i], "voxel " + l + "/" + h);
            compared++;
        }
        assertTrue(compared > N * 0.99);
    }

    @Test
    void twoMaterialClassificationMatchesAPlainFloatReference() {
        TwoMaterialBasis basis = TwoMaterialBasis.of(P);
        for (long seed = 10; seed < 13; seed++) {
            short[][] v = randomPair(seed);
            // Voxels near the thresholds, where it matters: deposits of every kind plus noise.
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < N; i++) {
                double u = r.nextDouble(0, 40);
                double c = r.nextDouble(-80, 80);
                v[0][i] = (short) Math.round(P.urateHuPerPercent()[0] * u + P.haHuPerMgCm3()[0] * c + r.nextGaussian() * 5);
                v[1][i] = (short) Math.round(P.urateHuPerPercent()[1] * u + P.haHuPerMgCm3()[1] * c + r.nextGaussian() * 5);
            }
            byte[] labels = new byte[N];
            TwoMaterialKernel.classify(v[0], v[1], labels, N, basis, 8, 30);
            int compared = 0;
            for (int i = 0; i < N; i++) {
                double u = basis.urate(v[0][i], v[1][i]);
                double c = basis.ha(v[0][i], v[1][i]);
                double uHu = u * P.urateHuPerPercent()[0];
                double cHu = c * P.haHuPerMgCm3()[0];
                if (Math.abs(u - 8) < 0.01 || Math.abs(c - 30) < 0.05 || Math.abs(c + 60) < 0.05 || Math.abs(uHu - cHu) < 0.2) {
                    continue; // within the fixed-point rounding of a threshold
                }
                byte expected = cHu >= uHu ? (c >= 30 ? Labels.CALCIUM : Labels.NONE)
                        : (u >= 8 && c > -60 ? Labels.URATE : Labels.NONE);
                assertEquals(expected, labels[i], "u " + u + ", c " + c);
                compared++;
            }
            assertTrue(compared > N * 0.98, compared + " compared");
        }
    }

    @Test
    void twoMaterialAmountsSolveTheBasisSystem() {
        short[][] v = randomPair(2);
        float[] urate = new float[N];
        float[] ha = new float[N];
        TwoMaterialBasis basis = TwoMaterialBasis.of(P);
        TwoMaterialKernel.amounts(v[0], v[1], urate, ha, N, basis);
        var solver = new LUDecomposition(MatrixUtils.createRealMatrix(new double[][] {
            {P.urateHuPerPercent()[0], P.haHuPerMgCm3()[0]}, {P.urateHuPerPercent()[1], P.haHuPerMgCm3()[1]}})).getSolver();
        for (int i = 0; i < N; i += 97) {
            RealVector x = solver.solve(new ArrayRealVector(new double[] {v[0][i], v[1][i]}));
            assertEquals(x.getEntry(0), urate[i], 1e-3 * Math.max(1, Math.abs(x.getEntry(0))));
            assertEquals(x.getEntry(1), ha[i], 1e-3 * Math.max(1, Math.abs(x.getEntry(1))));
        }
    }

    @Test
    void pureMaterialsAreRecognised() {
        // physics.md, 80/Sn150: MSU 45 % 235/230, HA 200 mg/cm³ 381/178, soft tissue -15/-9, fat -126/-88.
        short[] low = {235, 381, -15, -126};
        short[] high = {230, 178, -9, -88};
        byte[] two = new byte[4];
        byte[] three = new byte[4];
        TwoMaterialKernel.classify(low, high, two, 4, TwoMaterialBasis.of(P), 8, 30);
        ThreeMaterialKernel.classify(low, high, three, 4, ThreeMaterialKernel.Triangle.of(P), 8, 30);
        byte[] expected = {Labels.URATE, Labels.CALCIUM, Labels.NONE, Labels.NONE};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], two[i], "two-material, voxel " + i);
            assertEquals(expected[i], three[i], "three-material, voxel " + i);
        }
        TwoMaterialBasis b = TwoMaterialBasis.of(P);
        assertEquals(45, b.urate(235, 230), 45 * 0.1, "urate amount within the basis' 10 % linearity");
        assertEquals(200, b.ha(381, 178), 200 * 0.05);
    }

    @Test
    void presetsChooseByKvpAndAssumeTinAt150() {
        Presets.Choice c = Presets.choose(80, 150, false);
        assertEquals("80/Sn150", c.preset().name());
        assertTrue(c.notes().get(0).contains("assumed Sn150"));
        assertEquals("80/140", Presets.choose(80, 140, false).preset().name());
        assertEquals("80/Sn140", Presets.choose(80, 140, true).preset().name());
        assertEquals("100/140", Presets.choose(100, 140, false).preset().name());
        // Cut-offs sit between the urate line (1.02) and each calcium line (physics.md).
        for (Preset p : Presets.all()) {
            assertTrue(p.ratioCutoff() > p.urateRatio() && p.ratioCutoff() < p.calciumRatio(), p.name());
            assertEquals(1.02, p.urateRatio(), 0.02, p.name());
        }
        assertEquals(2.14, Presets.P80_SN150.calciumRatio(), 0.02);
        assertEquals(1.55, Presets.P80_140.calciumRatio(), 0.02);
        assertEquals(1.75, Presets.P100_SN150.calciumRatio(), 0.02);
    }
}
