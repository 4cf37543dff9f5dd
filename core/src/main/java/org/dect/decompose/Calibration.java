package org.dect.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.dect.InputException;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Fits a preset to a scan of a calibration phantom (the file it is written to and read from:
 * {@link org.dect.format.CalibrationFile}). Each ROI (a disc on a range of slices) has a known
 * material and concentration; at each energy, HU = B + U·u + C·c is fitted by ordinary least squares
 * (Commons Math) over the urate, HA and water ROIs, u in % w/w and c in mg/cm³. Soft-tissue and fat
 * ROIs give the tissue values of the scanner-mismatch check.
 */
public final class Calibration {

    /** One region of interest of known content. */
    public record Roi(double[] centreMm, double[] centrePx, double radiusMm, int firstSlice, int lastSlice,
                      String material, double concentration) { }

    /** An ROI as measured, with what the fitted model predicts for it. */
    public record Measured(Roi roi, long voxels, double meanLow, double meanHigh, double fittedLow, double fittedHigh) { }

    /** The fitted preset and how well it fits. */
    public record Fit(Preset preset, List<Measured> rois, double rmsResidualLow, double rmsResidualHigh) { }

    private Calibration() { }

    public static Fit fit(HuVolume low, HuVolume high, List<Roi> rois, String name, double lowKvp, double highKvp, boolean tin) {
        List<Measured> measured = new ArrayList<>();
        for (Roi roi : rois) {
            measured.add(measure(low, high, roi));
        }
        List<Measured> basis = measured.stream().filter(m -> !m.roi().material().equals("soft_tissue") && !m.roi().material().equals("fat")).toList();
        long urate = basis.stream().filter(m -> m.roi().material().equals("urate")).count();
        long ha = basis.stream().filter(m -> m.roi().material().equals("ha")).count();
        if (urate < 1 || ha < 1 || basis.size() < 4) {
            throw new InputException("A calibration needs at least one urate ROI, one HA ROI and four urate/HA/water ROIs in all; got "
                    + urate + " urate, " + ha + " HA, " + basis.size() + " in all.");
        }
        double[][] x = new double[basis.size()][];
        double[] yLow = new double[basis.size()];
        double[] yHigh = new double[basis.size()];
        for (int i = 0; i < basis.size(); i++) {
            Roi r = basis.get(i).roi();
            x[i] = new double[] {r.material().equals("urate") ? r.concentration() : 0, r.material().equals("ha") ? r.concentration() : 0};
            yLow[i] = basis.get(i).meanLow();
            yHigh[i] = basis.get(i).meanHigh();
        }
        double[] low3 = regress(x, yLow);
        double[] high3 = regress(x, yHigh);
        double[] soft = tissue(measured, "soft_tissue");
        double[] fat = tissue(measured, "fat");
        Preset preset = new Preset(name, lowKvp, highKvp, tin, new double[] {low3[1], high3[1]}, new double[] {low3[2], high3[2]},
                new double[] {low3[0], high3[0]}, soft, fat, new double[] {Double.NaN, Double.NaN}, "calibration '" + name + "' from " + basis.size() + " ROIs");
        String problem = preset.problem();
        if (problem != null) {
            throw new InputException("The calibration ROIs give a basis dect cannot decompose with: " + problem
                    + ". Check each ROI's material, concentration and position.");
        }
        List<Measured> withFit = new ArrayList<>();
        double sumLow = 0;
        double sumHigh = 0;
        for (Measured m : measured) {
            Roi r = m.roi();
            double u = r.material().equals("urate") ? r.concentration() : 0;
            double c = r.material().equals("ha") ? r.concentration() : 0;
            boolean tissue = r.material().equals("soft_tissue") || r.material().equals("fat");
            double fl = tissue ? Double.NaN : low3[0] + low3[1] * u + low3[2] * c;
            double fh = tissue ? Double.NaN : high3[0] + high3[1] * u + high3[2] * c;
            withFit.add(new Measured(r, m.voxels(), m.meanLow(), m.meanHigh(), fl, fh));
            if (basis.contains(m)) {
                sumLow += (m.meanLow() - fl) * (m.meanLow() - fl);
                sumHigh += (m.meanHigh() - fh) * (m.meanHigh() - fh);
            }
        }
        return new Fit(preset, withFit, Math.sqrt(sumLow / basis.size()), Math.sqrt(sumHigh / basis.size()));
    }

    /** [intercept, urate slope, HA slope] by ordinary least squares. */
    private static double[] regress(double[][] x, double[] y) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        try {
            return ols.estimateRegressionParameters();
        } catch (RuntimeException e) {
            throw new InputException("The calibration ROIs do not determine the basis (are the urate and HA concentrations all the same?): "
                    + e.getMessage(), e);
        }
    }

    private static double[] tissue(List<Measured> measured, String material) {
        return measured.stream().filter(m -> m.roi().material().equals(material)).findFirst()
                .map(m -> new double[] {m.meanLow(), m.meanHigh()}).orElse(new double[] {Double.NaN, Double.NaN});
    }

    static Measured measure(HuVolume low, HuVolume high, Roi roi) {
        VolumeGeometry g = low.geometry();
        if (roi.firstSlice() < 1 || roi.lastSlice() > g.slices() || roi.firstSlice() > roi.lastSlice()) {
            throw new InputException(String.format(Locale.ROOT, "ROI (%s) slices %d..%d are outside the scan's 1..%d.",
                    roi.material(), roi.firstSlice(), roi.lastSlice(), g.slices()));
        }
        double sumLow = 0;
        double sumHigh = 0;
        long n = 0;
        for (int z = roi.firstSlice() - 1; z < roi.lastSlice(); z++) {
            double[] centre = roi.centrePx() != null ? roi.centrePx() : toPixel(g, roi.centreMm(), z);
            for (int y = 0; y < g.rows(); y++) {
                double dy = (y - centre[1]) * g.rowSpacing();
                if (Math.abs(dy) > roi.radiusMm()) {
                    continue;
                }
                for (int x = 0; x < g.columns(); x++) {
                    double dx = (x - centre[0]) * g.columnSpacing();
                    if (dx * dx + dy * dy <= roi.radiusMm() * roi.radiusMm()) {
                        sumLow += low.get(x, y, z);
                        sumHigh += high.get(x, y, z);
                        n++;
                    }
                }
            }
        }
        if (n < 5) {
            throw new InputException(String.format(Locale.ROOT, "ROI (%s, radius %.1f mm) covers %d voxel(s); it must lie inside the image.",
                    roi.material(), roi.radiusMm(), n));
        }
        return new Measured(roi, n, sumLow / n, sumHigh / n, Double.NaN, Double.NaN);
    }

    /** Column and row of a patient (x, y) point on slice z (orientation axial or not). */
    private static double[] toPixel(VolumeGeometry g, double[] xy, int z) {
        double[] origin = g.slicePositions()[z];
        double[] d = {xy[0] - origin[0], xy[1] - origin[1], 0};
        return new double[] {VolumeGeometry.dot(d, g.rowDirection()) / g.columnSpacing(),
            VolumeGeometry.dot(d, g.columnDirection()) / g.rowSpacing()};
    }

}
