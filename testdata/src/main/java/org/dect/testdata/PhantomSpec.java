package org.dect.testdata;

import java.util.Locale;

/**
 * What to simulate. The field of view is the anatomy's ({@link Anatomy#fovMm}: an extremity fills
 * about half of it) and slices are {@value #SLICE_SPACING_MM} mm apart, so a larger size means finer
 * pixels or a longer stretch of the limb, never a different anatomy. The seed draws the noise and
 * where, how large and how concentrated each deposit is.
 */
public record PhantomSpec(KvpPair pair, Scenario scenario, Body body, Grid grid, Noise noise, Resolution resolution, long seed,
                          Change change) {

    public PhantomSpec(KvpPair pair, Scenario scenario, Body body, Grid grid, Noise noise, Resolution resolution, long seed) {
        this(pair, scenario, body, grid, noise, resolution, seed, Change.NONE);
    }

    /**
     * The same patient at another time: the limb placed otherwise in the scanner (turned by
     * {@code rotationDeg} about its own axis, which the phantom puts at x = y = 0, then moved by the
     * shifts in x and y), and deposits that changed: {@code volumeFactors} maps a deposit's id
     * to its volume relative to the seed's (0: absent, e.g. resolved, or not yet there). Only ellipsoidal
     * deposits (tophi, calcium nodules) may grow or shrink; any may be absent.
     */
    public record Change(double rotationDeg, double shiftXMm, double shiftYMm, java.util.Map<Integer, Double> volumeFactors) {
        public static final Change NONE = new Change(0, 0, 0, java.util.Map.of());

        public Change {
            volumeFactors = java.util.Map.copyOf(volumeFactors);
            volumeFactors.values().forEach(f -> {
                if (!(f >= 0)) {
                    throw new IllegalArgumentException("a deposit's volume factor must be 0 or more, got " + f);
                }
            });
        }

        /** Patient x, y in the scan of the seed's limb point (x, y). */
        public double[] place(double x, double y) {
            double a = Math.toRadians(rotationDeg);
            return new double[] {Math.cos(a) * x - Math.sin(a) * y + shiftXMm, Math.sin(a) * x + Math.cos(a) * y + shiftYMm};
        }

        /** The inverse of {@link #place}: which point of the seed's limb the scan's point (x, y) shows. */
        double[] unplace(double x, double y) {
            double a = Math.toRadians(rotationDeg);
            double dx = x - shiftXMm;
            double dy = y - shiftYMm;
            return new double[] {Math.cos(a) * dx + Math.sin(a) * dy, -Math.sin(a) * dx + Math.cos(a) * dy};
        }

        boolean moves() {
            return rotationDeg != 0 || shiftXMm != 0 || shiftYMm != 0;
        }
    }

    public static final double SLICE_SPACING_MM = 0.6;

    /** Voxels across, down and along the limb. */
    public record Grid(int columns, int rows, int slices) {
        public Grid {
            if (columns < 32 || rows < 32 || slices < 2) {
                throw new IllegalArgumentException("phantom size must be at least 32x32x2, got " + columns + "x" + rows + "x" + slices);
            }
        }

        /** Parses "256x256x80" (columns x rows x slices). */
        public static Grid parse(String text) {
            String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 3) {
                    return new Grid(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            } catch (NumberFormatException e) {
                // the message below says what is wanted
            }
            throw new IllegalArgumentException("size must look like 256x256x80 (columns x rows x slices), got '" + text + "'");
        }
    }

    /**
     * Standard deviation of the image noise, HU, Gaussian and correlated in-plane like filtered
     * back-projection noise, independent between the energies (two tubes, two detectors). Clinical: about
     * 20 at low kVp and 12 at high; a large or low-dose scan 30 and 18.
     */
    public record Noise(double low, double high) {
        public static final Noise CLINICAL = new Noise(20, 12);

        public Noise {
            if (!(low >= 0 && high >= 0)) {
                throw new IllegalArgumentException("noise must not be negative");
            }
        }
    }

    /**
     * How sharp the reconstruction is: the full width at half maximum of the scanner's point-spread
     * function in the slice plane and of its slice profile along z, mm. A bone kernel on an extremity
     * scanner resolves about 0.6–0.8 mm in-plane, and 0.6 mm slices have a profile of about 0.7 mm; the
     * blur spreads a deposit's edge over more voxels than partial volume alone, and lowers the core of
     * the smallest ones. 0 is a perfect scanner (partial volume only).
     */
    public record Resolution(double inPlaneFwhmMm, double sliceFwhmMm) {
        public static final Resolution CLINICAL = new Resolution(0.7, 0.7);
        public static final Resolution SHARP = new Resolution(0, 0);

        public Resolution {
            if (!(inPlaneFwhmMm >= 0 && inPlaneFwhmMm <= 3 && sliceFwhmMm >= 0 && sliceFwhmMm <= 3)) {
                throw new IllegalArgumentException("resolution must be 0 to 3 mm FWHM, got " + inPlaneFwhmMm + " and " + sliceFwhmMm);
            }
        }
    }

    /**
     * The body part: its anatomy, how much tissue the beam crosses (which hardens it: physics.md's
     * table, 5 to 25 cm), and how far its soft tissue and fat read from the model's ICRP compositions,
     * [low, high] HU: muscle-rich tissue reads 30–60 HU above ICRP soft tissue, and scanners calibrate
     * differently. Deposits grow in the soft tissue and read its offset too.
     */
    public record Body(Anatomy anatomy, double waterPathCm, double[] softTissueOffsetHu, double[] fatOffsetHu) {

        public Body {
            if (waterPathCm < 5 || waterPathCm > 25) {
                throw new IllegalArgumentException("water path must be 5 to 25 cm, got " + waterPathCm);
            }
            if (softTissueOffsetHu.length != 2 || fatOffsetHu.length != 2) {
                throw new IllegalArgumentException("tissue offsets are [low, high]");
            }
        }

        /** The anatomy at its typical size, tissues as the model has them. */
        public static Body of(Anatomy anatomy) {
            return new Body(anatomy, anatomy.waterPathCm, new double[2], new double[2]);
        }

        public Body withWaterPath(double cm) {
            return new Body(anatomy, cm, softTissueOffsetHu, fatOffsetHu);
        }

        public Body withOffsets(double[] softTissue, double[] fat) {
            return new Body(anatomy, waterPathCm, softTissue, fat);
        }
    }

    public static PhantomSpec defaults(Scenario scenario) {
        return new PhantomSpec(KvpPair.P80_SN150, scenario, Body.of(Anatomy.WRIST), new Grid(256, 256, 80), Noise.CLINICAL, Resolution.CLINICAL, 1);
    }

    public int columns() {
        return grid.columns();
    }

    public int rows() {
        return grid.rows();
    }

    public int slices() {
        return grid.slices();
    }

    public double noiseLow() {
        return noise.low();
    }

    public double noiseHigh() {
        return noise.high();
    }

    public Anatomy anatomy() {
        return body.anatomy();
    }

    public double pixelMm() {
        return body.anatomy().fovMm / Math.max(grid.columns(), grid.rows());
    }

    public PhantomSpec withChange(Change c) {
        return new PhantomSpec(pair, scenario, body, grid, noise, resolution, seed, c);
    }

    public PhantomSpec withSize(int columns, int rows, int slices) {
        return new PhantomSpec(pair, scenario, body, new Grid(columns, rows, slices), noise, resolution, seed, change);
    }

    public PhantomSpec withPair(KvpPair p) {
        return new PhantomSpec(p, scenario, body, grid, noise, resolution, seed, change);
    }

    public PhantomSpec withSeed(long s) {
        return new PhantomSpec(pair, scenario, body, grid, noise, resolution, s, change);
    }

    public PhantomSpec withNoise(double low, double high) {
        return new PhantomSpec(pair, scenario, body, grid, new Noise(low, high), resolution, seed, change);
    }

    public PhantomSpec withResolution(Resolution r) {
        return new PhantomSpec(pair, scenario, body, grid, noise, r, seed, change);
    }

    public PhantomSpec withBody(Body b) {
        return new PhantomSpec(pair, scenario, b, grid, noise, resolution, seed, change);
    }

    /** The anatomy at its typical size (the tissue offsets kept). */
    public PhantomSpec withAnatomy(Anatomy a) {
        return withBody(new Body(a, a.waterPathCm, body.softTissueOffsetHu(), body.fatOffsetHu()));
    }
}
