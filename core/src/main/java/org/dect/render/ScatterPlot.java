package org.dect.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;

import org.dect.Bytes;
import org.dect.decompose.Labels;
import org.dect.decompose.Method;
import org.dect.decompose.Preset;
import org.dect.volume.HuVolume;

/**
 * HU_low against HU_high of the scan, as a density plot coloured by each voxel's label, with the urate
 * line, the calcium line and the decision boundary of the method: the picture that shows whether the
 * classification follows the data. Voxels below −100 HU (fat, air) are left out.
 */
public final class ScatterPlot {

    static final int WIDTH = 760;
    static final int HEIGHT = 640;
    static final int MARGIN = 60;
    static final double HIGH_MIN = -100;
    static final double HIGH_MAX = 700;
    static final double LOW_MIN = -100;
    static final double LOW_MAX = 1300;
    static final int SAMPLED_SLICES = 40;

    private ScatterPlot() { }

    /**
     * Counts one slice's voxels into the bins of the plot. A method per slice, not one loop over the
     * volume: the JIT compiles a small method that is called often at once, where a long-running loop
     * waits for on-stack replacement (and ran interpreted for a second in some runs).
     */
    private static void accumulate(short[] l, short[] h, byte[] lab, boolean sampled, long[][] counts, int pw, int ph) {
        double xScale = pw / (HIGH_MAX - HIGH_MIN);
        double yScale = ph / (LOW_MAX - LOW_MIN);
        // A slice that is not sampled adds its labelled voxels only: jump from one to the next.
        int i = sampled ? 0 : Bytes.nextNonZero(lab, 0);
        while (i < l.length) {
            if (l[i] >= LOW_MIN && h[i] >= HIGH_MIN && l[i] < LOW_MAX && h[i] < HIGH_MAX) {
                int px = (int) ((h[i] - HIGH_MIN) * xScale);
                int py = ph - 1 - (int) ((l[i] - LOW_MIN) * yScale);
                counts[lab[i]][py * pw + px]++;
            }
            i = sampled ? i + 1 : Bytes.nextNonZero(lab, i + 1);
        }
    }

    public static void write(HuVolume low, HuVolume high, byte[][] labels, Preset preset, Method method, double ratioCutoff, Path file) {
        int pw = WIDTH - 2 * MARGIN;
        int ph = HEIGHT - 2 * MARGIN;
        long[][] counts = new long[Labels.INDETERMINATE + 1][pw * ph];
        // Unlabelled voxels from every k-th slice (a density needs no more); labelled ones from all.
        int step = Math.max(1, labels.length / SAMPLED_SLICES);
        for (int z = 0; z < labels.length; z++) {
            accumulate(low.slices()[z], high.slices()[z], labels[z], z % step == 0, counts, pw, ph);
        }
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int[][] colours = {{120, 120, 120}, Colours.URATE, Colours.CALCIUM, Colours.BONE, Colours.INDETERMINATE};
        for (int p = 0; p < pw * ph; p++) {
            int best = -1;
            long total = 0;
            for (int k = 0; k < counts.length; k++) {
                total += counts[k][p];
                if (best < 0 || counts[k][p] > counts[best][p]) {
                    best = k;
                }
            }
            if (total == 0) {
                continue;
            }
            double shade = Math.min(1, 0.25 + Math.log10(total) / 4); // denser bins darker
            int[] c = colours[best];
            int rgb = 0;
            for (int ch = 0; ch < 3; ch++) {
                rgb = rgb << 8 | (int) Math.round(255 - shade * (255 - c[ch]));
            }
            img.setRGB(MARGIN + p % pw, MARGIN + p / pw, rgb);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, MARGIN, pw, ph);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double v = 0; v <= HIGH_MAX; v += 100) {
            int x = MARGIN + (int) ((v - HIGH_MIN) / (HIGH_MAX - HIGH_MIN) * pw);
            g.drawLine(x, MARGIN + ph, x, MARGIN + ph + 5);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), x - 10, MARGIN + ph + 18);
        }
        for (double v = 0; v <= LOW_MAX; v += 200) {
            int y = MARGIN + ph - (int) ((v - LOW_MIN) / (LOW_MAX - LOW_MIN) * ph);
            g.drawLine(MARGIN - 5, y, MARGIN, y);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), MARGIN - 40, y + 4);
        }
        g.drawString("HU at high kVp", MARGIN + pw / 2 - 40, HEIGHT - 15);
        g.drawString("HU at low kVp", 8, MARGIN - 10);
        g.setClip(MARGIN, MARGIN, pw, ph);
        double[] b = preset.background();
        g.setStroke(new BasicStroke(2f));
        line(g, b, new double[] {preset.urateHuPerPercent()[1], preset.urateHuPerPercent()[0]}, new Color(0, 150, 0), pw, ph);
        line(g, b, new double[] {preset.haHuPerMgCm3()[1], preset.haHuPerMgCm3()[0]}, new Color(120, 30, 200), pw, ph);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
        double[] boundary = method == Method.RATIO
                ? new double[] {1, ratioCutoff}
                // Where urate and calcium contribute equally to the low-kVp HU: U + (U_L / C_L)·C.
                : new double[] {preset.urateHuPerPercent()[1] + preset.urateHuPerPercent()[0] / preset.haHuPerMgCm3()[0] * preset.haHuPerMgCm3()[1],
                    2 * preset.urateHuPerPercent()[0]};
        line(g, method == Method.RATIO ? new double[] {0, 0} : b, boundary, Color.BLACK, pw, ph);
        g.setClip(null);
        g.setStroke(new BasicStroke(1f));
        legend(g, preset, method, ratioCutoff);
        g.dispose();
        Png.write(img, file);
    }

    /** A line through point (high, low) = origin[1], origin[0] along direction (dHigh, dLow). */
    private static void line(Graphics2D g, double[] origin, double[] direction, Color colour, int pw, int ph) {
        double t = 5000 / Math.hypot(direction[0], direction[1]);
        double h0 = origin[1] - t * direction[0];
        double l0 = origin[0] - t * direction[1];
        double h1 = origin[1] + t * direction[0];
        double l1 = origin[0] + t * direction[1];
        g.setColor(colour);
        g.draw(new Line2D.Double(x(h0, pw), y(l0, ph), x(h1, pw), y(l1, ph)));
    }

    private static double x(double high, int pw) {
        return MARGIN + (high - HIGH_MIN) / (HIGH_MAX - HIGH_MIN) * pw;
    }

    private static double y(double low, int ph) {
        return MARGIN + ph - (low - LOW_MIN) / (LOW_MAX - LOW_MIN) * ph;
    }

    private static void legend(Graphics2D g, Preset p, Method method, double cutoff) {
        int x = MARGIN + 12;
        int y = MARGIN + 18;
        String[] lines = {
            String.format(Locale.ROOT, "urate line (ratio %.2f)", p.urateRatio()),
            String.format(Locale.ROOT, "calcium line (ratio %.2f)", p.calciumRatio()),
            method == Method.RATIO ? String.format(Locale.ROOT, "ratio cut-off %.2f", cutoff) : "decision boundary (equal share)",
            "voxels: grey none, green urate, purple calcium, blue bone, amber between"};
        Color[] colours = {new Color(0, 150, 0), new Color(120, 30, 200), Color.BLACK, Color.DARK_GRAY};
        for (int i = 0; i < lines.length; i++) {
            g.setColor(colours[i]);
            g.drawString(lines[i], x, y + 16 * i);
        }
        g.drawString(p.name() + ", " + method.label, x, y + 16 * lines.length);
    }
}
