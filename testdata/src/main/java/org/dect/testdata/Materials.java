package org.dect.testdata;

/**
 * What the materials of one simulated body part read, [low, high] HU: for one kVp pair and water path
 * (physics.md), before the tissue offsets of {@link PhantomSpec.Body}. Deposits are their material's
 * increment over water, painted onto the soft tissue they grow in.
 *
 * @param msuScale at each energy, how much more (or less) urate reads here than through 10 cm
 * @param haScale  the same for hydroxyapatite, which the beam's hardening moves most
 */
public record Materials(KvpPair pair, double waterPathCm, double[] msuScale, double[] haScale, double[] softTissue,
                        double[] fat, double[] corticalBone) {

    /** HU MSU adds at this % w/w, over water. */
    public double[] msu(double percent) {
        double[] hu = pair.msuHu(percent);
        return new double[] {hu[0] * msuScale[0], hu[1] * msuScale[1]};
    }

    /** HU hydroxyapatite adds at this mg/cm³, over water. */
    public double[] ha(double mgPerCm3) {
        double[] hu = pair.haHu(mgPerCm3);
        return new double[] {hu[0] * haScale[0], hu[1] * haScale[1]};
    }
}
