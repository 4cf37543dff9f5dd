package org.dect.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * compare.png: the baseline's bone seen from above (its projection along the limb, grey) and the urate
 * deposits of both scans on it, the follow-up's moved into the baseline by the alignment. A deposit is a
 * circle of its volume's radius: green filled at follow-up over a green ring at baseline (matched, with
 * its change), orange filled (new), a grey ring (resolved).
 */
public final class ComparePicture {

    /** One deposit to draw: baseline-space centre (mm), the two volumes (mL, 0 when absent) and its status. */
    public record Mark(String status, double xMm, double yMm, double baselineMl, double followUpMl, String label) { }

    private ComparePicture() { }

    /**
     * @param bone   the baseline's bone projection, true where any slice has bone, columns × rows
     * @param origin patient x, y of pixel (0, 0); {@code step} mm per pixel along x and y (an axial grid)
     */
    public static void write(boolean[][] bone, double[] origin, double[] step, List<Mark> marks, String title, Path file) {
        // Cropped to the bone and the deposits, with a margin: the limb fills half the field of view at most.
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = 0; y < bone.length; y++) {
            for (int x = 0; x < bone[0].length; x++) {
                if (bone[y][x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        for (Mark m : marks) {
            int x = (int) Math.round((m.xMm() - origin[0]) / step[0]);
            int y = (int) Math.round((m.yMm() - origin[1]) / step[1]);
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
        }
        if (x1 < 0) {
            x0 = 0;
            y0 = 0;
            x1 = bone[0].length - 1;
            y1 = bone.length - 1;
        }
        int margin = Math.max(8, (x1 - x0) / 6);
        x0 = Math.max(0, x0 - margin);
        y0 = Math.max(0, y0 - margin);
        x1 = Math.min(bone[0].length - 1, x1 + margin);
        y1 = Math.min(bone.length - 1, y1 + margin);
        int rows = y1 - y0 + 1;
        int columns = x1 - x0 + 1;
        int scale = Math.max(1, 640 / Math.max(rows, columns));
        int top = 28;
        BufferedImage image = new BufferedImage(columns * scale, rows * scale + top, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(new Color(120, 120, 120));
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                if (bone[y0 + y][x0 + x]) {
                    g.fillRect(x * scale, top + y * scale, scale, scale);
                }
            }
        }
        Color green = new Color(Colours.URATE[0], Colours.URATE[1], Colours.URATE[2]);
        Color orange = new Color(Colours.INDETERMINATE[0], Colours.INDETERMINATE[1], Colours.INDETERMINATE[2]);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Mark m : marks) {
            double px = ((m.xMm() - origin[0]) / step[0] - x0) * scale;
            double py = top + ((m.yMm() - origin[1]) / step[1] - y0) * scale;
            double pxPerMm = scale / Math.abs(step[0]);
            int rb = (int) Math.max(3, radiusMm(m.baselineMl()) * pxPerMm);
            int rf = (int) Math.max(3, radiusMm(m.followUpMl()) * pxPerMm);
            switch (m.status()) {
                case "matched" -> {
                    g.setColor(new Color(green.getRed(), green.getGreen(), green.getBlue(), 150));
                    g.fillOval((int) px - rf, (int) py - rf, 2 * rf, 2 * rf);
                    g.setColor(green);
                    g.setStroke(new BasicStroke(2));
                    g.drawOval((int) px - rb, (int) py - rb, 2 * rb, 2 * rb);
                }
                case "new" -> {
                    g.setColor(orange);
                    g.fillOval((int) px - rf, (int) py - rf, 2 * rf, 2 * rf);
                }
                default -> {
                    g.setColor(Color.LIGHT_GRAY);
                    g.setStroke(new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
                    g.drawOval((int) px - rb, (int) py - rb, 2 * rb, 2 * rb);
                }
            }
            g.setColor(Color.WHITE);
            g.drawString(m.label(), (int) px + Math.max(rb, rf) + 3, (int) py + 4);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, 6, 18);
        g.dispose();
        Png.write(image, file);
    }

    private static double radiusMm(double ml) {
        return Math.cbrt(3 * ml * 1000 / (4 * Math.PI));
    }

    /** "+0.12 mL" */
    public static String change(double ml) {
        return String.format(Locale.ROOT, "%+.2f mL", ml);
    }
}
