package org.dect.decompose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dect.volume.HuVolume;

/**
 * Does the scan fit the preset? Soft tissue and fat are in every extremity scan and their CT numbers
 * are known, so their histogram peaks tell whether this scanner reads like the preset expects. A peak
 * far from the preset's value suggests another scanner, filter or calibration: the amounts are then off
 * by a similar fraction.
 *
 * @param softTissue measured [low, high] HU of the soft-tissue peak (NaN when not found)
 * @param fat        measured [low, high] HU of the fat peak (NaN when not found)
 */
public record ScannerCheck(double[] softTissue, double[] fat, List<String> warnings) {

    /** How far a tissue peak may sit from the preset, HU, before the check warns. */
    public static final double TOLERANCE_HU = 25;

    public static ScannerCheck of(HuVolume low, HuVolume high, Preset preset) {
        long[] lowCounts = histogram(low);
        long[] highCounts = histogram(high);
        double[] soft = {peak(lowCounts, -60, 60), peak(highCounts, -60, 60)};
        double[] fat = {peak(lowCounts, -200, -61), peak(highCounts, -200, -61)};
        List<String> warnings = new ArrayList<>();
        compare("soft tissue", soft, preset.softTissue(), warnings);
        compare("fat", fat, preset.fat(), warnings);
        if (!warnings.isEmpty()) {
            warnings.add("the preset " + preset.name() + " may not fit this scanner; consider 'dect calibrate' with a phantom scan");
        }
        return new ScannerCheck(soft, fat, List.copyOf(warnings));
    }

    private static void compare(String tissue, double[] measured, double[] expected, List<String> warnings) {
        String[] energy = {"low", "high"};
        for (int e = 0; e < 2; e++) {
            if (Double.isNaN(measured[e])) {
                continue;
            }
            if (Math.abs(measured[e] - expected[e]) > TOLERANCE_HU) {
                warnings.add(String.format(Locale.ROOT, "%s reads %.0f HU at %s kVp, the preset expects %.0f HU",
                        tissue, measured[e], energy[e], expected[e]));
            }
        }
    }

    private static final int LOWEST = -200;
    private static final int HIGHEST = 60;

    /** Counts of each HU from {@link #LOWEST} to {@link #HIGHEST} in a sample of slices (plenty for a histogram). */
    private static long[] histogram(HuVolume v) {
        long[] counts = new long[HIGHEST - LOWEST + 1];
        int step = Math.max(1, v.geometry().slices() / 64);
        for (int z = 0; z < v.geometry().slices(); z += step) {
            count(v.slices()[z], counts);
        }
        return counts;
    }

    /** One slice into the histogram: a small method the JIT compiles early, not a long loop waiting for on-stack replacement. */
    private static void count(short[] slice, long[] counts) {
        for (short s : slice) {
            if (s >= LOWEST && s <= HIGHEST) {
                counts[s - LOWEST]++;
            }
        }
    }

    /** The most frequent HU in [from, to], after a 9-HU moving average of the histogram; NaN if too few voxels. */
    static double peak(long[] histogram, int from, int to) {
        long[] counts = Arrays.copyOfRange(histogram, from - LOWEST, to - LOWEST + 1);
        long total = Arrays.stream(counts).sum();
        if (total < 1000) {
            return Double.NaN;
        }
        int best = -1;
        long bestCount = -1;
        for (int i = 4; i < counts.length - 4; i++) {
            long sum = 0;
            for (int j = -4; j <= 4; j++) {
                sum += counts[i + j];
            }
            if (sum > bestCount) {
                bestCount = sum;
                best = i;
            }
        }
        return best < 0 ? Double.NaN : from + best;
    }
}
