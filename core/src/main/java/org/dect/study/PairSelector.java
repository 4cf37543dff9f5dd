package org.dect.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.dect.InputException;
import org.dect.dicom.read.SliceHeader;

/**
 * Chooses the low- and high-kVp series of a dual-energy study: among the CT series that can be
 * stacked, those at the lowest and the highest KVP, of one study and frame of reference, with the same
 * image size, pixel spacing, orientation and slice thickness. Series at other KVPs, localizers and
 * mixed images are left out with a note. More than one such pair is an error that lists them, since
 * guessing between two kernels or thicknesses would silently change the result.
 */
public final class PairSelector {

    private PairSelector() { }

    /** Groups slices by Series Instance UID, keeping the order in which series were first met. */
    public static List<SeriesInfo> group(List<SliceHeader> slices) {
        Map<String, List<SliceHeader>> bySeries = new LinkedHashMap<>();
        for (SliceHeader s : slices) {
            bySeries.computeIfAbsent(s.identity().seriesUid(), k -> new ArrayList<>()).add(s);
        }
        List<SeriesInfo> series = new ArrayList<>();
        bySeries.forEach((uid, list) -> series.add(new SeriesInfo(uid, list)));
        series.sort(Comparator.comparing((SeriesInfo s) -> s.first().acquisition().seriesNumber(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        return series;
    }

    public static EnergyPair choose(List<SeriesInfo> series, PairRequest request) {
        if (series.isEmpty()) {
            throw new InputException("No DICOM images found.");
        }
        List<String> notes = new ArrayList<>();
        List<SeriesInfo> candidates = new ArrayList<>();
        for (SeriesInfo s : series) {
            String why = s.ineligibility();
            if (why == null) {
                candidates.add(s);
            } else {
                notes.add("ignored " + s.describe() + ": " + why);
            }
        }
        SeriesInfo low = request.low() == null ? null : resolve(series, request.low(), "--low");
        SeriesInfo high = request.high() == null ? null : resolve(series, request.high(), "--high");
        if (low != null && high != null) {
            return checked(low, high, notes);
        }
        if (candidates.isEmpty()) {
            throw new InputException("No CT series that can form a dual-energy pair. Found:\n  "
                    + String.join("\n  ", notes));
        }
        List<Double> kvps = candidates.stream().map(SeriesInfo::kvp).distinct().sorted().toList();
        if (low != null || high != null) {
            return completeOverride(candidates, low, high, notes);
        }
        if (kvps.size() < 2) {
            throw new InputException("Only one energy: every usable CT series is at " + candidates.get(0).energyLabel() + ":\n  "
                    + String.join("\n  ", candidates.stream().map(SeriesInfo::describe).toList())
                    + "\nA dual-energy decomposition needs a low-kVp and a high-kVp series of the same scan.");
        }
        double lowKvp = kvps.get(0);
        double highKvp = kvps.get(kvps.size() - 1);
        for (SeriesInfo s : candidates) {
            if (s.kvp() != lowKvp && s.kvp() != highKvp) {
                notes.add("ignored " + s.describe() + ": between the lowest and highest KVP");
            }
        }
        List<SeriesInfo> lows = candidates.stream().filter(s -> s.kvp() == lowKvp).toList();
        List<SeriesInfo> highs = candidates.stream().filter(s -> s.kvp() == highKvp).toList();
        List<SeriesInfo[]> pairs = matchingPairs(lows, highs);
        if (pairs.isEmpty()) {
            if (lows.size() == 1 && highs.size() == 1) {
                throw new InputException("The low- and high-kVp series do not share one geometry: "
                        + String.join("; ", differences(lows.get(0), highs.get(0))) + ".\n  low:  " + lows.get(0).describe()
                        + "\n  high: " + highs.get(0).describe() + "\nReconstruct both energies on the same grid.");
            }
            throw new InputException("No low-kVp series matches a high-kVp series in geometry. Candidates:\n  "
                    + String.join("\n  ", candidates.stream().map(SeriesInfo::describe).toList()) + "\n" + HOW_TO_CHOOSE);
        }
        if (pairs.size() > 1) {
            throw new InputException("More than one dual-energy pair fits (different kernels, thicknesses or studies):\n  "
                    + String.join("\n  ", pairs.stream().map(p -> "low " + p[0].describe() + "\n  + high " + p[1].describe()).toList())
                    + "\n" + HOW_TO_CHOOSE);
        }
        SeriesInfo[] pair = pairs.get(0);
        for (SeriesInfo s : candidates) {
            if (s != pair[0] && s != pair[1] && (s.kvp() == lowKvp || s.kvp() == highKvp)) {
                notes.add("ignored " + s.describe() + ": does not match the geometry of the chosen pair");
            }
        }
        return new EnergyPair(pair[0], pair[1], notes);
    }

    private static final String HOW_TO_CHOOSE =
            "Choose with --low and --high, each a Series Instance UID or a folder holding one series.";

    /** Pairs in geometry; where several fit, those whose kernels agree are preferred. */
    private static List<SeriesInfo[]> matchingPairs(List<SeriesInfo> lows, List<SeriesInfo> highs) {
        List<SeriesInfo[]> pairs = new ArrayList<>();
        for (SeriesInfo l : lows) {
            for (SeriesInfo h : highs) {
                if (differences(l, h).isEmpty()) {
                    pairs.add(new SeriesInfo[] {l, h});
                }
            }
        }
        List<SeriesInfo[]> sameKernel = pairs.stream().filter(p -> Objects.equals(p[0].kernel(), p[1].kernel())).toList();
        return pairs.size() > 1 && !sameKernel.isEmpty() ? sameKernel : pairs;
    }

    /** What keeps two series from being voxel-for-voxel partners; empty when nothing does. */
    static List<String> differences(SeriesInfo a, SeriesInfo b) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(a.studyUid(), b.studyUid())) {
            out.add("different studies");
        }
        if (!Objects.equals(a.frameOfReferenceUid(), b.frameOfReferenceUid())) {
            out.add("different frames of reference");
        }
        SliceHeader.SlicePlane p = a.plane();
        SliceHeader.SlicePlane q = b.plane();
        if (p.rows() != q.rows() || p.columns() != q.columns()) {
            out.add("image size " + p.columns() + "x" + p.rows() + " vs " + q.columns() + "x" + q.rows());
        }
        if (Math.abs(p.rowSpacing() - q.rowSpacing()) > SliceStack.SPACING_TOLERANCE_MM
                || Math.abs(p.columnSpacing() - q.columnSpacing()) > SliceStack.SPACING_TOLERANCE_MM) {
            out.add(String.format(Locale.ROOT, "pixel spacing %.4f/%.4f vs %.4f/%.4f mm",
                    p.rowSpacing(), p.columnSpacing(), q.rowSpacing(), q.columnSpacing()));
        }
        if (p.orientation() != null && q.orientation() != null && !SliceStack.sameDirections(p.orientation(), q.orientation())) {
            out.add("slice orientation differs");
        }
        boolean bothThick = !Double.isNaN(p.thickness()) && !Double.isNaN(q.thickness());
        if (bothThick && Math.abs(p.thickness() - q.thickness()) > 0.01) {
            out.add(String.format(Locale.ROOT, "slice thickness %.2f vs %.2f mm", p.thickness(), q.thickness()));
        }
        return out;
    }

    private static EnergyPair checked(SeriesInfo low, SeriesInfo high, List<String> notes) {
        if (low == high) {
            throw new InputException("--low and --high name the same series: " + low.describe() + ".");
        }
        if (low.kvp() != null && high.kvp() != null) {
            if (low.kvp().equals(high.kvp())) {
                throw new InputException("--low and --high are both at " + low.energyLabel()
                        + "; a dual-energy pair needs two tube voltages.\n  low:  " + low.describe() + "\n  high: " + high.describe());
            }
            if (low.kvp() > high.kvp()) {
                throw new InputException("--low (" + low.energyLabel() + ") is above --high (" + high.energyLabel() + "): swap them.");
            }
        }
        List<String> diff = differences(low, high);
        if (!diff.isEmpty()) {
            throw new InputException("The low- and high-kVp series do not share one geometry: " + String.join("; ", diff)
                    + ".\n  low:  " + low.describe() + "\n  high: " + high.describe());
        }
        List<String> kept = notes.stream().filter(n -> !n.contains(low.seriesUid()) && !n.contains(high.seriesUid())).toList();
        return new EnergyPair(low, high, kept);
    }

    private static EnergyPair completeOverride(List<SeriesInfo> candidates, SeriesInfo low, SeriesInfo high, List<String> notes) {
        SeriesInfo given = low != null ? low : high;
        List<SeriesInfo> partners = candidates.stream()
                .filter(s -> s != given && s.kvp() != null && given.kvp() != null
                        && (low != null ? s.kvp() > given.kvp() : s.kvp() < given.kvp())
                        && differences(given, s).isEmpty())
                .toList();
        if (partners.isEmpty()) {
            throw new InputException("No " + (low != null ? "higher" : "lower") + "-kVp series matches the geometry of "
                    + given.describe() + ". " + HOW_TO_CHOOSE);
        }
        List<SeriesInfo> sameKernel = partners.stream().filter(s -> Objects.equals(s.kernel(), given.kernel())).toList();
        if (!sameKernel.isEmpty()) {
            partners = sameKernel;
        }
        double best = low != null ? partners.stream().mapToDouble(SeriesInfo::kvp).max().orElseThrow()
                : partners.stream().mapToDouble(SeriesInfo::kvp).min().orElseThrow();
        List<SeriesInfo> atBest = partners.stream().filter(s -> s.kvp() == best).toList();
        if (atBest.size() > 1) {
            throw new InputException("Several series could partner " + given.describe() + ":\n  "
                    + String.join("\n  ", atBest.stream().map(SeriesInfo::describe).toList()) + "\n" + HOW_TO_CHOOSE);
        }
        return low != null ? checked(low, atBest.get(0), notes) : checked(atBest.get(0), high, notes);
    }

    /** A Series Instance UID, or a folder (or file) holding exactly one series. */
    private static SeriesInfo resolve(List<SeriesInfo> series, String what, String option) {
        for (SeriesInfo s : series) {
            if (s.seriesUid().equals(what)) {
                return s;
            }
        }
        Path path = Path.of(what).toAbsolutePath().normalize();
        List<SeriesInfo> inside = series.stream()
                .filter(s -> s.slices().stream().allMatch(h -> h.file().toAbsolutePath().normalize().startsWith(path)))
                .toList();
        if (inside.isEmpty()) {
            throw new InputException(option + " " + what + " is neither the UID of a series found nor a folder holding one.");
        }
        List<SeriesInfo> usable = inside.stream().filter(s -> s.ineligibility() == null).toList();
        List<SeriesInfo> pick = usable.isEmpty() ? inside : usable;
        if (pick.size() > 1) {
            throw new InputException(option + " " + what + " holds " + pick.size() + " series:\n  "
                    + String.join("\n  ", pick.stream().map(SeriesInfo::describe).toList())
                    + "\nGive the Series Instance UID of the one you mean.");
        }
        return pick.get(0);
    }
}
