package org.dect.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dect.InputException;
import org.dect.decompose.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A calibration file that would decompose into confident nonsense is refused, naming the file and
 * the value: before this check, a singular or non-numeric basis gave "0.000 mL urate" and exit 0.
 */
class CalibrationFileTest {

    @TempDir
    Path tmp;

    /** physics.md's 80/Sn150 model: urate 5.73/5.61 HU per % w/w, HA 1.90/0.89 HU per mg/cm³. */
    private static String calibration(String urate, String ha, String background) {
        return "{\"format\": \"dect-calibration-1\", \"name\": \"scanner\", \"low_kvp\": 80, \"high_kvp\": 150, \"tin_high\": true,"
                + " \"urate_hu_per_percent\": " + urate + ", \"ha_hu_per_mg_cm3\": " + ha + ", \"background_hu\": " + background
                + ", \"soft_tissue_hu\": [-15, -9], \"fat_hu\": [null, null]}";
    }

    private Path file(String json) throws IOException {
        Path f = tmp.resolve("scanner.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void aSoundCalibrationIsRead() throws IOException {
        Preset p = CalibrationFile.read(file(calibration("[5.73, 5.61]", "[1.9025, 0.8925]", "[0, 0]")));
        assertEquals(1.9025 / 0.8925, p.calciumRatio(), 1e-9);
        assertTrue(Double.isNaN(p.fat()[0]), "fat not measured");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "singular: HA parallel to urate | [5.73, 5.61] | [1.146, 1.122] | [0, 0] | no steeper than the urate line",
        "nearly parallel                | [5.73, 5.61] | [1.2, 1.1]     | [0, 0] | lines are only 1.",
        "low and high swapped           | [5.61, 5.73] | [0.8925, 1.9025] | [0, 0] | are the low- and high-kVp values swapped",
        "a number as text               | [5.73, \"5.61\"] | [1.9025, 0.8925] | [0, 0] | its high-kVp value is \"5.61\"",
        "NaN as text                    | [5.73, 5.61] | [\"NaN\", 0.8925] | [0, 0] | its low-kVp value is \"NaN\"",
        "HA that adds nothing           | [5.73, 5.61] | [0, 0.8925]    | [0, 0] | must add HU",
        "one value only                 | [5.73]       | [1.9025, 0.8925] | [0, 0] | must be [low, high], two numbers",
        "background missing             | [5.73, 5.61] | [1.9025, 0.8925] | null | \"background_hu\" must be [low, high]"})
    void anUnusableCalibrationIsRefusedNamingTheFileAndTheValue(String what, String urate, String ha, String background, String expected)
            throws IOException {
        Path f = file(calibration(urate, ha, background));
        String message = assertThrows(InputException.class, () -> CalibrationFile.read(f)).getMessage();
        assertTrue(message.contains(f.toString()) && message.contains(expected), what + ": " + message);
    }

    @Test
    void notACalibrationAtAll() throws IOException {
        Path f = file("{\"rois\": []}");
        assertTrue(assertThrows(InputException.class, () -> CalibrationFile.read(f)).getMessage().contains("is not a dect calibration file"));
        Path g = file("{ not json");
        assertTrue(assertThrows(InputException.class, () -> CalibrationFile.read(g)).getMessage().contains("Cannot read calibration file"));
    }
}
