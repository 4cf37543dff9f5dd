package org.dect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void nextNonZeroVisitsExactlyTheSetBytesInOrder() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            // Awkward lengths (not multiples of eight), sparse and dense, set bytes at both ends.
            byte[] bytes = new byte[random.nextInt(200)];
            int oneIn = 1 + random.nextInt(30);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(oneIn) == 0 ? (byte) (1 + random.nextInt(255)) : 0;
            }
            if (bytes.length > 0 && trial % 2 == 0) {
                bytes[0] = -1;
                bytes[bytes.length - 1] = 1;
            }
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != 0) {
                    expected.append(i).append(' ');
                }
            }
            StringBuilder visited = new StringBuilder();
            for (int i = Bytes.nextNonZero(bytes, 0); i < bytes.length; i = Bytes.nextNonZero(bytes, i + 1)) {
                visited.append(i).append(' ');
            }
            assertEquals(expected.toString(), visited.toString(), "length " + bytes.length);
            assertEquals(bytes.length, Bytes.nextNonZero(bytes, bytes.length));
        }
    }

    /** Ranges shorter and longer than the block of zeros, at any offset: zeros inside, the rest untouched. */
    @Test
    void clearZeroesExactlyTheRange() {
        Random random = new Random(12);
        for (int trial = 0; trial < 40; trial++) {
            byte[] bytes = new byte[random.nextInt(20_000)];
            random.nextBytes(bytes);
            byte[] before = bytes.clone();
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int to = from + random.nextInt(bytes.length - from + 1);
            Bytes.clear(bytes, from, to);
            for (int i = 0; i < bytes.length; i++) {
                assertEquals(i >= from && i < to ? 0 : before[i], bytes[i], "byte " + i + " of [" + from + ", " + to + ")");
            }
        }
    }
}
