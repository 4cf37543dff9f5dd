package org.dect.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.dect.InputException;
import org.dect.dicom.read.SliceHeader;
import org.dect.volume.VolumeGeometry;

/**
 * The slices of one series ordered along the slice normal (never by file name or Instance Number)
 * and checked to form a regular grid: one orientation, one size and pixel spacing, slices stacked
 * straight (no gantry tilt), uniform spacing with no gaps or duplicates.
 */
public record SliceStack(SeriesInfo series, List<SliceHeader> sorted, VolumeGeometry geometry) {

    /** Tolerances for "the same" in geometry; scanners print positions with 3–6 decimals. */
    static final double DIRECTION_TOLERANCE = 1e-3;
    static final double SPACING_TOLERANCE_MM = 1e-3;
    /** A spacing step may deviate this fraction of the typical step before it counts as irregular. */
    static final double STEP_TOLERANCE = 0.05;

    public static SliceStack of(SeriesInfo series) {
        SliceHeader first = series.first();
        SliceHeader.SlicePlane plane = first.plane();
        for (SliceHeader s : series.slices()) {
            if ("CT".equals(s.identity().modality()) && !s.encoding().hasRescale()) {
                throw new InputException(s.describe() + " is a CT image without " + (Double.isNaN(s.encoding().rescaleSlope())
                        ? "Rescale Slope" : "Rescale Intercept") + " (both are required in CT, PS3.3 C.8.2.1), so its stored "
                        + "values cannot be read as HU. Export the series again from the scanner or PACS.");
            }
            if (s.plane().position() == null || s.plane().orientation() == null) {
                throw new InputException(s.describe() + " has no Image Position/Orientation (Patient), so " + series.describe()
                        + " cannot be stacked into a volume.");
            }
            if (s.plane().rows() != plane.rows() || s.plane().columns() != plane.columns()) {
                throw new InputException(series.describe() + " mixes image sizes: " + plane.columns() + "x" + plane.rows()
                        + " in " + first.describe() + ", " + s.plane().columns() + "x" + s.plane().rows() + " in " + s.describe() + ".");
            }
            if (Math.abs(s.plane().rowSpacing() - plane.rowSpacing()) > SPACING_TOLERANCE_MM
                    || Math.abs(s.plane().columnSpacing() - plane.columnSpacing()) > SPACING_TOLERANCE_MM) {
                throw new InputException(series.describe() + " mixes pixel spacings: " + first.describe() + " and " + s.describe() + ".");
            }
            if (!sameDirections(s.plane().orientation(), plane.orientation())) {
                throw new InputException(series.describe() + " mixes slice orientations: " + Arrays.toString(plane.orientation())
                        + " in " + first.describe() + ", " + Arrays.toString(s.plane().orientation()) + " in " + s.describe() + ".");
            }
        }
        if (Double.isNaN(plane.rowSpacing()) || Double.isNaN(plane.columnSpacing())) {
            throw new InputException(first.describe() + " has no Pixel Spacing; " + series.describe() + " cannot be measured.");
        }
        double[] o = plane.orientation();
        double[] row = {o[0], o[1], o[2]};
        double[] col = {o[3], o[4], o[5]};
        double[] normal = VolumeGeometry.cross(row, col);

        List<SliceHeader> sorted = new ArrayList<>(series.slices());
        sorted.sort(Comparator.comparingDouble(s -> VolumeGeometry.dot(s.plane().position(), normal)));
        double spacing = checkSpacing(series, sorted, normal, Math.min(plane.rowSpacing(), plane.columnSpacing()));

        double[][] positions = sorted.stream().map(s -> s.plane().position().clone()).toArray(double[][]::new);
        VolumeGeometry geometry = new VolumeGeometry(plane.columns(), plane.rows(), plane.rowSpacing(), plane.columnSpacing(),
                row, col, positions, spacing, plane.thickness());
        return new SliceStack(series, List.copyOf(sorted), geometry);
    }

    /** Checks the steps between sorted slices and returns the typical step (the median), mm. */
    private static double checkSpacing(SeriesInfo series, List<SliceHeader> sorted, double[] normal, double pixel) {
        int n = sorted.size();
        double[] along = new double[n];
        for (int i = 0; i < n; i++) {
            along[i] = VolumeGeometry.dot(sorted.get(i).plane().position(), normal);
        }
        double[] steps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            steps[i - 1] = along[i] - along[i - 1];
        }
        double[] ordered = steps.clone();
        Arrays.sort(ordered);
        double typical = ordered[ordered.length / 2];
        if (typical < SPACING_TOLERANCE_MM) {
            throw new InputException(series.describe() + " has several slices at each position (e.g. "
                    + duplicateExample(sorted, steps) + "): it probably holds more than one reconstruction or time point. "
                    + "Export each reconstruction as a series of its own.");
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            double step = steps[i];
            if (step < SPACING_TOLERANCE_MM) {
                throw new InputException(series.describe() + " has two slices at the same position: "
                        + sorted.get(i).describe() + " and " + sorted.get(i + 1).describe() + ". Remove the duplicate.");
            }
            long gap = Math.round(step / typical);
            if (gap >= 2 && Math.abs(step - gap * typical) <= STEP_TOLERANCE * typical) {
                for (int k = 1; k < gap; k++) {
                    missing.add(String.format(Locale.ROOT, "%.2f", along[i] + k * typical));
                }
            } else if (Math.abs(step - typical) > STEP_TOLERANCE * typical) {
                throw new InputException(String.format(Locale.ROOT,
                        "%s has irregular slice spacing: %.3f mm between %s and %s, %.3f mm elsewhere. Reconstruct with uniform spacing.",
                        series.describe(), step, sorted.get(i).describe(), sorted.get(i + 1).describe(), typical));
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(series.describe() + " is missing " + missing.size() + " slice(s), at position(s) "
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? ", ..." : "")
                    + " mm along the slice normal (slices are " + String.format(Locale.ROOT, "%.3f", typical)
                    + " mm apart). Export the complete series again.");
        }
        // Slices must sit straight above each other: an in-plane shift between them means a tilted gantry.
        double[] p0 = sorted.get(0).plane().position();
        for (SliceHeader s : sorted) {
            double[] d = minus(s.plane().position(), p0);
            double along0 = VolumeGeometry.dot(d, normal);
            double shift = Math.sqrt(Math.max(0, VolumeGeometry.dot(d, d) - along0 * along0));
            if (shift > 0.5 * pixel) {
                throw new InputException(String.format(Locale.ROOT,
                        "%s is not stacked straight: %s is shifted %.2f mm sideways from the first slice (gantry tilt?). "
                                + "Reconstruct without tilt or resample first.", series.describe(), s.describe(), shift));
            }
        }
        return typical;
    }

    private static String duplicateExample(List<SliceHeader> sorted, double[] steps) {
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < SPACING_TOLERANCE_MM) {
                return sorted.get(i).describe() + " and " + sorted.get(i + 1).describe();
            }
        }
        return "?";
    }

    static boolean sameDirections(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > DIRECTION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }
}
