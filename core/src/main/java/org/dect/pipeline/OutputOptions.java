package org.dect.pipeline;

import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

import org.dect.render.Fusion;

/**
 * What a run writes and how.
 *
 * @param kinds            the outputs to write
 * @param fusion           how the fused colour images are painted
 * @param seriesNumberBase the derived series are numbered from base + 1 (fused) to base + 5 (the HA
 *                         map), in the order of {@link OutputKind}
 * @param softwareVersion  dect's version, for Software Versions and the report
 * @param uidSeed          null: every UID written is new; else the UIDs are derived from it, so that the
 *                         same seed gives the same UIDs (a node that processes the same instances again)
 */
public record OutputOptions(Set<OutputKind> kinds, Fusion fusion, int seriesNumberBase, String softwareVersion, String uidSeed) {

    public OutputOptions(Set<OutputKind> kinds, Fusion fusion, int seriesNumberBase, String softwareVersion) {
        this(kinds, fusion, seriesNumberBase, softwareVersion, null);
    }

    public OutputOptions {
        kinds = Set.copyOf(kinds);
        if (seriesNumberBase < 0 || seriesNumberBase > 2_000_000_000) {
            throw new IllegalArgumentException("the series number base must be 0 to 2000000000, got " + seriesNumberBase);
        }
    }

    public static OutputOptions all(String softwareVersion) {
        return new OutputOptions(EnumSet.allOf(OutputKind.class), Fusion.DEFAULT, seriesNumberBase(LocalTime.now()), softwareVersion);
    }

    public OutputOptions withKinds(Set<OutputKind> k) {
        return new OutputOptions(k, fusion, seriesNumberBase, softwareVersion, uidSeed);
    }

    public OutputOptions withFusion(Fusion f) {
        return new OutputOptions(kinds, f, seriesNumberBase, softwareVersion, uidSeed);
    }

    public OutputOptions withSeriesNumberBase(int base) {
        return new OutputOptions(kinds, fusion, base, softwareVersion, uidSeed);
    }

    public OutputOptions withUidSeed(String seed) {
        return new OutputOptions(kinds, fusion, seriesNumberBase, softwareVersion, seed);
    }

    /**
     * The default base: 100000 + 10 × the run's time of day as HHMM, so that a study processed twice,
     * a minute or more apart, gets derived series whose numbers do not collide with each other's (14:37
     * gives 114371 to 114375), nor with a scanner's (1 to a few thousand). A node that processes a
     * study again picks its own ({@code --series-number} on the command line).
     */
    public static int seriesNumberBase(LocalTime time) {
        return 100_000 + 10 * (time.getHour() * 100 + time.getMinute());
    }
}
