package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

class CandidateMaskTest {

    /**
     * Against the definition, voxel by voxel: the mean of (L+H)/2 over the 3×3×3 neighbours that exist
     * reaches the floor. Slices are asked for out of order too, which the rolling window must survive.
     */
    @Test
    void matchesTheMeanOfTheNeighbourhoodInAnyOrder() {
        matchesTheDefinition(7, 5, TISSUE);
    }

    /**
     * Mostly air, as around a hand, where the mask skips rows: a dense band in the middle slices and rows;
     * around it rows just under the floor, none of whose voxels reaches it but whose neighbourhoods do
     * (in the rows beside the band and in the slices above and below it); and lone dense voxels in the
     * air, which make a row "hot" without making any neighbourhood a candidate.
     */
    @Test
    void matchesTheDefinitionWhereMostRowsAreAir() {
        matchesTheDefinition(9, 14, (r, z, y) -> {
            if (z >= 1 && z <= 4 && y >= 4 && y <= 8) {
                return r.nextInt(300, 900);
            }
            if (y >= 2 && y <= 10) {
                return r.nextInt(0, FLOOR);
            }
            return r.nextInt(60) == 0 ? 3000 : r.nextInt(-1010, -990);
        });
    }

    /** Picks the L and H of a voxel of slice z, row y. */
    private interface Hu {
        int next(SplittableRandom r, int z, int y);
    }

    private static final int FLOOR = 40;

    private static final Hu TISSUE = (r, z, y) -> r.nextInt(-200, 300);

    /** Rows and columns of one or two voxels have no interior: only the edge cases of the sums apply. */
    @Test
    void matchesTheDefinitionOnImagesOfOneOrTwoVoxelsAcross() {
        matchesTheDefinition(1, 4, TISSUE);
        matchesTheDefinition(2, 3, TISSUE);
        matchesTheDefinition(5, 1, TISSUE);
    }

    private static void matchesTheDefinition(int columns, int rows, Hu hu) {
        int slices = 6;
        int floor = FLOOR;
        SplittableRandom r = new SplittableRandom(3);
        short[][] low = new short[slices][columns * rows];
        short[][] high = new short[slices][columns * rows];
        for (int z = 0; z < slices; z++) {
            for (int i = 0; i < columns * rows; i++) {
                low[z][i] = (short) hu.next(r, z, i / columns);
                high[z][i] = (short) (hu.next(r, z, i / columns) * 5 / 6);
            }
        }
        double[][] positions = new double[slices][];
        for (int z = 0; z < slices; z++) {
            positions[z] = new double[] {0, 0, z};
        }
        VolumeGeometry g = new VolumeGeometry(columns, rows, 1, 1, new double[] {1, 0, 0}, new double[] {0, 1, 0}, positions, 1, 1);
        CandidateMask mask = new CandidateMask(new HuVolume(g, low), new HuVolume(g, high), floor);
        int candidates = 0;
        for (int z : new int[] {0, 1, 2, 3, 4, 5, 3, 0, 5, 2}) {
            byte[] m = mask.slice(z);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    long sum = 0;
                    int count = 0;
                    for (int zz = Math.max(0, z - 1); zz <= Math.min(slices - 1, z + 1); zz++) {
                        for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
                            for (int xx = Math.max(0, x - 1); xx <= Math.min(columns - 1, x + 1); xx++) {
                                sum += low[zz][yy * columns + xx] + high[zz][yy * columns + xx];
                                count++;
                            }
                        }
                    }
                    boolean expected = sum / 2.0 / count >= floor;
                    assertEquals(expected ? 1 : 0, m[y * columns + x], "z " + z + ", x " + x + ", y " + y);
                    candidates += expected ? 1 : 0;
                }
            }
        }
        assertTrue(candidates > 0 && candidates < 10 * columns * rows,
                columns + "x" + rows + ": both kinds of voxel occur: " + candidates);
    }
}
