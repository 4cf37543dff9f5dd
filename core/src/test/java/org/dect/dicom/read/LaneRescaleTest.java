package org.dect.dicom.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaneRescaleTest {

    /** Every kind of pattern: in range, top bit set (negative signed, large unsigned), garbage above Bits Stored, the extremes. */
    @ParameterizedTest
    @CsvSource({
        "16, false, -1024, LITTLE_ENDIAN", "16, false, -1024, BIG_ENDIAN", "12, false, -1024, LITTLE_ENDIAN",
        "16, true, -1024, LITTLE_ENDIAN", "16, true, 0, BIG_ENDIAN", "16, false, -32768, LITTLE_ENDIAN",
        "15, false, 0, LITTLE_ENDIAN", "12, false, -8192, BIG_ENDIAN"})
    void equalsTheRescaleFormulaOnEveryKindOfPattern(int bitsStored, boolean signed, int intercept, String byteOrder) {
        var enc = new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", 16, bitsStored, signed, 1, "MONOCHROME2", 1, intercept);
        assertTrue(LaneRescale.applies(enc));
        Random random = new Random(bitsStored * 31L + intercept);
        int n = 4099; // not a multiple of four: the tail goes through the table
        short[] patterns = new short[n];
        for (int i = 0; i < n; i++) {
            patterns[i] = (short) switch (i % 5) {
                case 0 -> random.nextInt(4096);
                case 1 -> random.nextInt(1 << 16);
                case 2 -> 0xFFFF - random.nextInt(4);
                case 3 -> 0x7FFF - random.nextInt(4);
                default -> random.nextInt(1 << bitsStored);
            };
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(2 * n).order("BIG_ENDIAN".equals(byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(patterns);

        short[] hu = LaneRescale.apply(bytes, enc, PixelReader.huTable(enc), new short[n]);

        short[] expected = new short[n];
        for (int i = 0; i < n; i++) { // PS3.3 C.7.6.3.1.4: Bits Stored wide, two's complement when signed, then slope and intercept
            int v = patterns[i] & ((1 << bitsStored) - 1);
            if (signed && (v & (1 << (bitsStored - 1))) != 0) {
                v -= 1 << bitsStored;
            }
            expected[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v + intercept));
        }
        assertArrayEquals(expected, hu);
    }

    @ParameterizedTest
    @CsvSource({"16, 12, true, 1, -1024", "16, 16, false, 0.5, -1024", "16, 16, false, 1, -1024.5", "16, 16, false, 1, 24",
                "8, 8, false, 1, -1024"})
    void leavesOtherRescalesToTheTable(int bitsAllocated, int bitsStored, boolean signed, double slope, double intercept) {
        assertFalse(LaneRescale.applies(new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", bitsAllocated, bitsStored, signed, 1,
                "MONOCHROME2", slope, intercept)));
    }
}
