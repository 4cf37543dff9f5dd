package org.dect.format;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as RFC 4180 has it, for the tables dect writes. */
public final class Csv {

    private Csv() { }

    /** One line: the cells joined by commas, each quoted when it holds a comma, a quote or a line break. */
    public static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(","));
    }

    /** A list is one cell, its items joined by "; ". */
    public static String cell(Object v) {
        String s = v == null ? "" : v instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
        return s.matches("(?s).*[,\"\\n\\r].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
