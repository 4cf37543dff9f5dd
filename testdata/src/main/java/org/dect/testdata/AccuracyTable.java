package org.dect.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.dect.pipeline.DecompositionOptions;

/**
 * The accuracy table of the README: every {@link AccuracyCondition} at every kVp pair, over the wrist,
 * foot and knee phantoms and several seeds, gout and calcinosis, for three methods: the clinical ratio
 * rule, the default before the method learned from the scan, and today's default. Each phantom is made
 * once and decomposed by all three.
 */
public final class AccuracyTable {

    /** A method as the table names it. */
    public record Method(String name, DecompositionOptions options) {
        public static List<Method> all(int threads) {
            return List.of(new Method("ratio rule (clinical)", DecompositionOptions.clinicalRatioRule().withThreads(threads)),
                    new Method("previous default", DecompositionOptions.previousDefaults().withThreads(threads)),
                    new Method("dect", DecompositionOptions.defaults().withThreads(threads)));
        }
    }

    /** One phantom decomposed by one method. */
    public record Run(AccuracyCondition condition, KvpPair pair, Anatomy anatomy, long seed, Scenario scenario, Method method,
                      Accuracy accuracy) { }

    private AccuracyTable() { }

    public static List<Run> run(List<AccuracyCondition> conditions, List<KvpPair> pairs, List<Anatomy> anatomies, int seeds,
                                List<Method> methods, Consumer<String> progress) {
        List<Run> runs = new ArrayList<>();
        for (AccuracyCondition c : conditions) {
            for (KvpPair pair : pairs) {
                for (Anatomy anatomy : anatomies) {
                    for (long seed = 1; seed <= seeds; seed++) {
                        for (Scenario scenario : new Scenario[] {Scenario.GOUT, Scenario.CALCINOSIS}) {
                            Phantom p = PhantomGenerator.generate(c.spec(scenario, pair, anatomy, seed));
                            for (Method m : methods) {
                                runs.add(new Run(c, pair, anatomy, seed, scenario, m, Accuracy.of(p, m.options())));
                            }
                            progress.accept(String.format(Locale.ROOT, "%s, %s, %s, seed %d, %s", c.name(), pair.label,
                                    anatomy.name().toLowerCase(Locale.ROOT), seed, scenario.name().toLowerCase(Locale.ROOT)));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /**
     * The table, a row per condition and pair. Per method: the urate volume error on gout phantoms (the
     * median and the worst), and the urate found on calcinosis phantoms (the worst); for dect also the
     * lowest Dice and how many 95 % intervals held the true volume.
     */
    public static String markdown(List<Run> runs, List<Method> methods) {
        StringBuilder out = new StringBuilder("| condition | pair |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Method m : methods) {
            out.append(' ').append(m.name()).append(": urate error, median / worst | ").append(m.name()).append(": calcinosis urate, worst |");
            rule.append("---|---|");
        }
        out.append(" dect: Dice, lowest | dect: intervals holding the truth |\n");
        rule.append("---|---|\n");
        out.append(rule);
        for (AccuracyCondition c : AccuracyCondition.values()) {
            for (KvpPair pair : KvpPair.values()) {
                List<Run> here = runs.stream().filter(r -> r.condition() == c && r.pair() == pair).toList();
                if (here.isEmpty()) {
                    continue;
                }
                out.append("| ").append(c.description).append(" | ").append(pair.label).append(" |");
                for (Method m : methods) {
                    double[] errors = here.stream().filter(r -> r.method() == m && r.scenario() == Scenario.GOUT)
                            .mapToDouble(r -> 100 * r.accuracy().volumeError()).toArray();
                    double falseUrate = here.stream().filter(r -> r.method() == m && r.scenario() == Scenario.CALCINOSIS)
                            .mapToDouble(r -> r.accuracy().measuredUrateMl()).max().orElse(Double.NaN);
                    out.append(String.format(Locale.ROOT, " %+.1f %% / %+.1f %% | %.4f mL |", median(errors), worst(errors), falseUrate));
                }
                Method dect = methods.get(methods.size() - 1);
                List<Run> ours = here.stream().filter(r -> r.method() == dect).toList();
                double dice = ours.stream().filter(r -> r.scenario() == Scenario.GOUT).mapToDouble(r -> r.accuracy().dice()).min().orElse(Double.NaN);
                long held = ours.stream().filter(r -> r.accuracy().intervalHoldsTruth()).count();
                out.append(String.format(Locale.ROOT, " %.3f | %d of %d |%n", dice, held, ours.size()));
            }
        }
        return out.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The value furthest from 0, with its sign. */
    static double worst(double[] v) {
        double w = 0;
        for (double x : v) {
            w = Math.abs(x) > Math.abs(w) ? x : w;
        }
        return v.length == 0 ? Double.NaN : w;
    }
}
