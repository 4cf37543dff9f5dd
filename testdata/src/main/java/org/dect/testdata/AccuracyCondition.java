package org.dect.testdata;

/**
 * The conditions under which independent phantoms showed the method's errors (issue 16), each applied
 * to an anatomy's phantom: a larger body part (the beam hardens), more noise, soft tissue and fat that
 * read tens of HU from the model's ICRP tissues, a softer reconstruction, and all of them at once. Tophi
 * of 1.5 to 4 mm radius are in every phantom.
 */
public enum AccuracyCondition {

    TYPICAL("typical: the anatomy's own size, noise 20/12 HU, ICRP tissues, 0.7 mm blur") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s;
        }
    },
    LARGE_BODY("25 cm of tissue in the beam") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s.withBody(s.body().withWaterPath(25));
        }
    },
    NOISY("noise 30/18 HU") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s.withNoise(30, 18);
        }
    },
    TISSUE_OFFSET("soft tissue +45 HU, fat +30 HU") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s.withBody(s.body().withOffsets(new double[] {45, 45}, new double[] {30, 30}));
        }
    },
    SOFT_KERNEL("1.1 mm blur (a soft-tissue kernel)") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s.withResolution(new PhantomSpec.Resolution(1.1, 1.1));
        }
    },
    ALL_AT_ONCE("all at once: 25 cm, noise 30/18, soft tissue +60 and fat +30 HU, 1.1 mm blur") {
        @Override
        PhantomSpec apply(PhantomSpec s) {
            return s.withBody(s.body().withWaterPath(25).withOffsets(new double[] {60, 60}, new double[] {30, 30}))
                    .withNoise(30, 18).withResolution(new PhantomSpec.Resolution(1.1, 1.1));
        }
    };

    public final String description;

    AccuracyCondition(String description) {
        this.description = description;
    }

    abstract PhantomSpec apply(PhantomSpec spec);

    /** The phantom of this condition for a scenario, pair, anatomy and seed. */
    public PhantomSpec spec(Scenario scenario, KvpPair pair, Anatomy anatomy, long seed) {
        return apply(PhantomSpec.defaults(scenario).withPair(pair).withAnatomy(anatomy).withSeed(seed));
    }
}
