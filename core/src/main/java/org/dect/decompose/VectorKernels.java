package org.dect.decompose;

import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.I2B;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.S2I;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three kernels on the JDK's vector API, used when {@link Simd} says so. Each step of
 * {@link RatioRuleKernel#classifyScalar} and {@link TwoMaterialKernel#classifyScalar} is done lane by
 * lane in the same 32-bit integer arithmetic, wrap-around included, with a sign mask and AND where the
 * scalar code multiplies by a sign bit; {@link ThreeMaterialKernel#label}'s in the same single-precision
 * operations. The labels are the scalar kernels' bit for bit (VectorKernelsTest). Per step: load as
 * many shorts as an int vector has lanes, widen them to ints (and floats), label, narrow the labels to
 * bytes and store. Each method returns how many voxels it labelled, a whole number of vectors; the
 * caller's scalar loop does the rest.
 * <p>
 * The loops are written out in one method each: C2 turns vector operations into instructions only
 * where they are inlined into the loop, and a helper taking or returning a vector that is compiled
 * on its own is not inlined (it then allocates every vector: slower than the scalar loop).
 */
final class VectorKernels {

    private VectorKernels() { }

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** As many shorts and bytes as ints: half and a quarter of the width (at least 64 bits, the narrowest
     * shape; on CPUs where that does not hold the kernels are not used). */
    private static final VectorSpecies<Short> SHORTS = species(short.class, INTS.vectorBitSize() / 2);
    private static final VectorSpecies<Byte> BYTES = species(byte.class, INTS.vectorBitSize() / 4);
    private static final VectorSpecies<Float> FLOATS = species(float.class, INTS.vectorBitSize());

    private static <E> VectorSpecies<E> species(Class<E> type, int bits) {
        return VectorSpecies.of(type, VectorShape.forBitSize(Math.max(64, bits)));
    }

    /** Whether the byte vectors can be a quarter as wide as the int ones. */
    static boolean fitsThisCpu() {
        return INTS.vectorBitSize() >= 256;
    }

    static int bits() {
        return INTS.vectorBitSize();
    }

    static int ratio(short[] low, short[] high, byte[] labels, int n, int lowMin, int lowMax, int k) {
        IntVector max = IntVector.broadcast(INTS, lowMax);
        IntVector calcium = IntVector.broadcast(INTS, Labels.CALCIUM);
        int end = INTS.loopBound(n);
        for (int i = 0; i < end; i += INTS.length()) {
            IntVector l = (IntVector) ShortVector.fromArray(SHORTS, low, i).convertShape(S2I, INTS, 0);
            IntVector h = (IntVector) ShortVector.fromArray(SHORTS, high, i).convertShape(S2I, INTS, 0);
            IntVector outside = l.sub(lowMin).or(max.sub(l)).lanewise(ASHR, 31); // −1 unless lowMin ≤ l ≤ lowMax
            IntVector urate = l.mul(RatioRuleKernel.SCALE).sub(h.mul(k)).lanewise(LSHR, 31); // 1 when l < cutoff·h
            ((ByteVector) calcium.sub(urate).lanewise(AND_NOT, outside).convertShape(I2B, BYTES, 0)).intoArray(labels, i);
        }
        return end;
    }

    static int twoMaterial(short[] low, short[] high, byte[] labels, int n, byte[] candidate, TwoMaterialKernel.Forms f) {
        // Every constant broadcast once, outside the loop: 1.6 → 1.9 × 10⁹ voxels/s against scalar operands.
        IntVector ua = IntVector.broadcast(INTS, f.ua()), ub = IntVector.broadcast(INTS, f.ub()), uo = IntVector.broadcast(INTS, f.uo());
        IntVector ca = IntVector.broadcast(INTS, f.ca()), cb = IntVector.broadcast(INTS, f.cb()), co = IntVector.broadcast(INTS, f.co());
        IntVector da = IntVector.broadcast(INTS, f.da()), db = IntVector.broadcast(INTS, f.db()), dc = IntVector.broadcast(INTS, f.dc());
        IntVector urateMinLess1 = IntVector.broadcast(INTS, f.urateMin() - 1);
        IntVector minus2HaMin = IntVector.broadcast(INTS, -2 * f.haMin());
        IntVector haMinLess1 = IntVector.broadcast(INTS, f.haMin() - 1);
        IntVector urateLabel = IntVector.broadcast(INTS, Labels.URATE);
        IntVector calciumLabel = IntVector.broadcast(INTS, Labels.CALCIUM);
        int end = INTS.loopBound(n);
        ByteVector none = ByteVector.zero(BYTES);
        for (int i = 0; i < end; i += INTS.length()) {
            IntVector l = (IntVector) ShortVector.fromArray(SHORTS, low, i).convertShape(S2I, INTS, 0);
            IntVector h = (IntVector) ShortVector.fromArray(SHORTS, high, i).convertShape(S2I, INTS, 0);
            IntVector u = l.mul(ua).add(h.mul(ub)).sub(uo);
            IntVector c = l.mul(ca).add(h.mul(cb)).sub(co);
            // Sign masks: −1 where the scalar kernel's sign bit is 1.
            IntVector urateDominates = dc.sub(l.mul(da)).sub(h.mul(db)).lanewise(ASHR, 31);
            IntVector enoughUrate = urateMinLess1.sub(u).lanewise(ASHR, 31);
            IntVector plausibleHa = minus2HaMin.sub(c).lanewise(ASHR, 31);
            IntVector enoughHa = haMinLess1.sub(c).lanewise(ASHR, 31);
            IntVector urate = urateLabel.and(urateDominates).and(enoughUrate).and(plausibleHa);
            IntVector calcium = calciumLabel.and(enoughHa).lanewise(AND_NOT, urateDominates);
            ByteVector label = (ByteVector) urate.or(calcium).convertShape(I2B, BYTES, 0);
            if (candidate != null) {
                // Labelled anyway and masked: skipping all-zero blocks was slower (1.0 against 1.4 × 10⁹
                // voxels/s with 15 % candidates), as the branch is hard to predict.
                label = none.blend(label, ByteVector.fromArray(BYTES, candidate, i).compare(NE, 0));
            }
            label.intoArray(labels, i);
        }
        return end;
    }

    /**
     * {@link ThreeMaterialKernel#label} for a vector of voxels. Two forms, the feet on the two edges
     * from the soft-tissue vertex, say whether every lane is surely NONE (air, fat and most soft
     * tissue: {@code Forms.a0Early}); any other vector (with candidates: that holds one) takes all
     * seven forms. Where {@code Forms.byRegions}, the label is urate or calcium by its region's
     * conditions, chosen by the dominance test, as {@link ThreeMaterialKernel#labelByRegions}:
     * 2.2 times faster on the mix than the feature chain. Otherwise it is every feature's label,
     * blended from the last feature of Ericson's order to the first so that the first that holds
     * wins, as in the scalar if-chain. The forms are fused
     * multiply-adds, as {@link ThreeMaterialKernel.Form#value}. The labels are floats whose bits are
     * the label bytes, so that no conversion is needed to narrow them.
     * <p>
     * A test of both amounts as well was tried as a second stage: slower, 1.0 against 1.3 × 10⁹
     * voxels/s on the phantom, as it needs two more forms before the branch.
     */
    static int threeMaterial(short[] low, short[] high, byte[] labels, int n, byte[] candidate, ThreeMaterialKernel.Forms f) {
        FloatVector ul = FloatVector.broadcast(FLOATS, f.u().l()), uh = FloatVector.broadcast(FLOATS, f.u().h());
        FloatVector cl = FloatVector.broadcast(FLOATS, f.c().l()), ch = FloatVector.broadcast(FLOATS, f.c().h());
        FloatVector sl = FloatVector.broadcast(FLOATS, f.s().l()), sh = FloatVector.broadcast(FLOATS, f.s().h());
        FloatVector dl = FloatVector.broadcast(FLOATS, f.d().l()), dh = FloatVector.broadcast(FLOATS, f.d().h());
        FloatVector a0l = FloatVector.broadcast(FLOATS, f.a0().l()), a0h = FloatVector.broadcast(FLOATS, f.a0().h());
        FloatVector a1l = FloatVector.broadcast(FLOATS, f.a1().l()), a1h = FloatVector.broadcast(FLOATS, f.a1().h());
        FloatVector a2l = FloatVector.broadcast(FLOATS, f.a2().l()), a2h = FloatVector.broadcast(FLOATS, f.a2().h());
        FloatVector uZero = FloatVector.broadcast(FLOATS, f.uZero()), uMin = FloatVector.broadcast(FLOATS, f.uMin());
        FloatVector cZero = FloatVector.broadcast(FLOATS, f.cZero()), cMin = FloatVector.broadcast(FLOATS, f.cMin());
        FloatVector sZero = FloatVector.broadcast(FLOATS, f.sZero()), dZero = FloatVector.broadcast(FLOATS, f.dZero());
        FloatVector a0Zero = FloatVector.broadcast(FLOATS, f.a0Zero()), a0One = FloatVector.broadcast(FLOATS, f.a0One());
        FloatVector a0Min = FloatVector.broadcast(FLOATS, f.a0Min());
        FloatVector a1Zero = FloatVector.broadcast(FLOATS, f.a1Zero()), a1One = FloatVector.broadcast(FLOATS, f.a1One());
        FloatVector a1Min = FloatVector.broadcast(FLOATS, f.a1Min());
        FloatVector a0Early = FloatVector.broadcast(FLOATS, f.a0Early()), a1Early = FloatVector.broadcast(FLOATS, f.a1Early());
        FloatVector a2Zero = FloatVector.broadcast(FLOATS, f.a2Zero()), a2One = FloatVector.broadcast(FLOATS, f.a2One());
        FloatVector a2Dominant = FloatVector.broadcast(FLOATS, f.a2Dominant());
        FloatVector a2HaMin = FloatVector.broadcast(FLOATS, f.a2HaMin()), a2UrateMax = FloatVector.broadcast(FLOATS, f.a2UrateMax());
        FloatVector none = FloatVector.zero(FLOATS);
        FloatVector urate = FloatVector.broadcast(FLOATS, Float.intBitsToFloat(Labels.URATE));
        FloatVector calcium = FloatVector.broadcast(FLOATS, Float.intBitsToFloat(Labels.CALCIUM));
        FloatVector urateVertex = FloatVector.broadcast(FLOATS, Float.intBitsToFloat(f.urateVertex()));
        FloatVector haVertex = FloatVector.broadcast(FLOATS, Float.intBitsToFloat(f.haVertex()));
        ByteVector noLabels = ByteVector.zero(BYTES);
        boolean byRegions = f.byRegions();
        int end = FLOATS.loopBound(n);
        for (int i = 0; i < end; i += FLOATS.length()) {
            // Vectors that need no label (no candidate, or surely NONE) are passed over in an inner loop
            // of their own: with the test as a branch in the one loop, C2 of JDK 17 made the whole loop
            // twice as slow on the mix (0.30–0.32 against 0.64–0.65 × 10⁹ voxels/s; JDK 25 does not).
            FloatVector l, h, a0, a1;
            while (true) {
                if (candidate == null || ByteVector.fromArray(BYTES, candidate, i).compare(NE, 0).anyTrue()) {
                    // Via ints: HotSpot 17 has no intrinsic for short to float in one step.
                    l = (FloatVector) ShortVector.fromArray(SHORTS, low, i).convertShape(S2I, INTS, 0).convertShape(I2F, FLOATS, 0);
                    h = (FloatVector) ShortVector.fromArray(SHORTS, high, i).convertShape(S2I, INTS, 0).convertShape(I2F, FLOATS, 0);
                    a0 = l.fma(a0l, h.mul(a0h));
                    a1 = l.fma(a1l, h.mul(a1h));
                    if (!a0.compare(LT, a0Early).and(a1.compare(LT, a1Early)).allTrue()) {
                        break;
                    }
                }
                noLabels.intoArray(labels, i);
                i += FLOATS.length();
                if (i >= end) {
                    return end;
                }
            }
            FloatVector u = l.fma(ul, h.mul(uh));
            FloatVector c = l.fma(cl, h.mul(ch));
            FloatVector a2 = l.fma(a2l, h.mul(a2h));
            FloatVector s = l.fma(sl, h.mul(sh));
            FloatVector d = l.fma(dl, h.mul(dh));
            FloatVector label;
            if (byRegions) {
                VectorMask<Float> urateDominates = a2.compare(LT, a2Dominant).and(d.compare(LT, dZero));
                FloatVector urateSide = none.blend(urate, a0.compare(GE, a0Min).and(a2.compare(LE, a2UrateMax)).and(u.compare(GE, uMin)));
                FloatVector haSide = none.blend(calcium, a1.compare(GE, a1Min).and(c.compare(GE, cMin))
                        .or(a2.compare(GE, a2HaMin).and(s.compare(LE, sZero))));
                label = haSide.blend(urateSide, urateDominates);
            } else {
                // Complements are compared again rather than negated: in HotSpot 17 andNot on a mask is not
                // an intrinsic, and the loop ran at a quarter of the speed.
                label = none.blend(urate, u.compare(GE, uMin).and(d.compare(LT, dZero)))    // inside
                        .blend(calcium, c.compare(GE, cMin).and(d.compare(GE, dZero)));
                FloatVector edge2 = none.blend(urate, a2.compare(LE, a2UrateMax).and(a2.compare(LT, a2Dominant)))
                        .blend(calcium, a2.compare(GE, a2HaMin).and(a2.compare(GE, a2Dominant)));
                label = label.blend(edge2, s.compare(LE, sZero).and(a2.compare(GE, a2Zero)).and(a2.compare(LE, a2One)));
                FloatVector edge1 = none.blend(calcium, a1.compare(GE, a1Min));
                label = label.blend(edge1, u.compare(LE, uZero).and(a1.compare(GE, a1Zero)).and(a1.compare(LE, a1One)));
                label = label.blend(haVertex, a1.compare(GE, a1One).and(a2.compare(GE, a2One)));
                FloatVector edge0 = none.blend(urate, a0.compare(GE, a0Min));
                label = label.blend(edge0, c.compare(LE, cZero).and(a0.compare(GE, a0Zero)).and(a0.compare(LE, a0One)));
                label = label.blend(urateVertex, a0.compare(GE, a0One).and(a2.compare(LE, a2Zero)));
                label = label.blend(none, a0.compare(LE, a0Zero).and(a1.compare(LE, a1Zero)));     // soft-tissue vertex
            }
            ByteVector bytes = (ByteVector) label.reinterpretAsInts().convertShape(I2B, BYTES, 0);
            if (candidate != null) {
                bytes = noLabels.blend(bytes, ByteVector.fromArray(BYTES, candidate, i).compare(NE, 0));
            }
            bytes.intoArray(labels, i);
        }
        return end;
    }
}
