package org.dect.dicom.write;

import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What made a segmentation: written to the Segmentation Algorithm Identification Sequence.
 *
 * @param parameters Algorithm Parameters, as {@link #parameters(Map)} writes them
 */
public record AlgorithmInfo(String name, String version, String parameters) {

    /**
     * The parameters as "key=value" pairs separated by "; ", lists as comma-separated values:
     * "min_urate_percent=8.0; ratio_window_hu=150,500". Neither character occurs in a value dect writes.
     */
    public static String parameters(Map<String, ?> values) {
        StringJoiner out = new StringJoiner("; ");
        values.forEach((k, v) -> out.add(k + "=" + (v instanceof Collection<?> c
                ? String.join(",", c.stream().map(String::valueOf).toList()) : String.valueOf(v))));
        return out.toString();
    }
}
