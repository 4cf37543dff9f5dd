package org.dect.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.dect.decompose.LabelCounts;
import org.dect.decompose.Labels;
import org.dect.volume.VolumeGeometry;

/**
 * A PNG of the fused slices that hold the most urate (or, with no urate, the most calcium), six tiles
 * in two rows, each captioned with its slice number, position and urate voxel count: the picture that
 * shows at a glance where the tophi are.
 */
public final class Montage {

    static final int TILES = 6;
    static final int TILE = 300;

    private Montage() { }

    /** {@code renderer} gives the fused picture of slice z, interleaved RGB. */
    public static void write(IntFunction<byte[]> renderer, LabelCounts counts, VolumeGeometry g, Path file) {
        List<Integer> slices = chooseSlices(counts, g.slices());
        int columns = Math.min(3, Math.max(1, slices.size()));
        int rows = (slices.size() + columns - 1) / columns;
        int caption = 22;
        BufferedImage montage = new BufferedImage(columns * TILE, Math.max(1, rows) * (TILE + caption), BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = montage.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        byte[][] rgb = new byte[g.slices()][];
        for (int z : slices) {
            rgb[z] = renderer.apply(z);
        }
        int[] box = bodyBox(rgb, slices, g.columns(), g.rows());
        int bw = box[2] - box[0] + 1;
        int bh = box[3] - box[1] + 1;
        double scale = Math.min(TILE / (double) bw, TILE / (double) bh);
        int w = (int) Math.round(bw * scale);
        int h = (int) Math.round(bh * scale);
        for (int k = 0; k < slices.size(); k++) {
            int z = slices.get(k);
            int x0 = (k % columns) * TILE;
            int y0 = (k / columns) * (TILE + caption);
            BufferedImage tile = Png.fromRgb(rgb[z], g.columns(), g.rows()).getSubimage(box[0], box[1], bw, bh);
            gr.drawImage(tile, x0 + (TILE - w) / 2, y0 + (TILE - h) / 2, w, h, null);
            gr.setColor(Color.WHITE);
            gr.drawString(String.format(Locale.ROOT, "slice %d, z %.1f mm: %d urate voxels", z + 1,
                    g.slicePositions()[z][2], counts.inSlice(z, Labels.URATE)), x0 + 6, y0 + TILE + 15);
        }
        gr.dispose();
        Png.write(montage, file);
    }

    /** The smallest box (x0, y0, x1, y1) holding everything brighter than air on the chosen slices, plus a margin. */
    static int[] bodyBox(byte[][] rgb, List<Integer> slices, int columns, int rows) {
        int x0 = columns;
        int y0 = rows;
        int x1 = -1;
        int y1 = -1;
        for (int z : slices) {
            byte[] s = rgb[z];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    if ((s[3 * (y * columns + x)] & 0xff) > 10 || (s[3 * (y * columns + x) + 1] & 0xff) > 10) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
        }
        if (x1 < 0) {
            return new int[] {0, 0, columns - 1, rows - 1};
        }
        int margin = Math.max(4, (x1 - x0) / 20);
        return new int[] {Math.max(0, x0 - margin), Math.max(0, y0 - margin), Math.min(columns - 1, x1 + margin), Math.min(rows - 1, y1 + margin)};
    }

    static List<Integer> chooseSlices(LabelCounts counts, int slices) {
        byte material = counts.total(Labels.URATE) > 0 ? Labels.URATE : Labels.CALCIUM;
        List<Integer> all = new ArrayList<>();
        for (int z = 0; z < slices; z++) {
            all.add(z);
        }
        all.sort(Comparator.comparingLong((Integer z) -> -counts.inSlice(z, material)).thenComparing(z -> z));
        List<Integer> chosen = new ArrayList<>(all.subList(0, Math.min(TILES, all.size())));
        chosen.sort(Comparator.naturalOrder());
        return chosen;
    }
}
