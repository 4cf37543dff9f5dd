package org.dect;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the JSON trees dect builds (maps, lists, arrays, strings, numbers, booleans, null) as
 * indented text. Jackson, which dect still uses to read JSON, takes a quarter of a second of a
 * 300-slice run to start up for one small report; this is all the writing needs. NaN and infinities,
 * which JSON cannot hold, are written as null.
 */
public final class Json {

    private Json() { }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.toString();
    }

    public static void write(Object value, Path file) throws IOException {
        Files.writeString(file, write(value) + "\n", StandardCharsets.UTF_8);
    }

    private static void write(Object v, StringBuilder out, String indent) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> map) {
            writeMap(map, out, indent);
        } else if (v instanceof Collection<?> list) {
            writeList(list.toArray(), out, indent);
        } else if (v.getClass().isArray()) {
            Object[] items = new Object[Array.getLength(v)];
            for (int i = 0; i < items.length; i++) {
                items[i] = Array.get(v, i);
            }
            writeList(items, out, indent);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            out.append(Double.isFinite(d) ? v.toString() : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof Path) {
            string(v.toString(), out);
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, String indent) {
        if (map.isEmpty()) {
            out.append("{ }");
            return;
        }
        String inner = indent + "  ";
        out.append("{\n");
        int k = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(inner);
            string(String.valueOf(e.getKey()), out);
            out.append(" : ");
            write(e.getValue(), out, inner);
            out.append(++k < map.size() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    private static void writeList(Object[] items, StringBuilder out, String indent) {
        if (items.length == 0) {
            out.append("[ ]");
            return;
        }
        boolean flat = true; // numbers and strings on one line, nested structures one per line
        for (Object o : items) {
            flat &= !(o instanceof Map || o instanceof Collection || (o != null && o.getClass().isArray()));
        }
        String inner = indent + "  ";
        out.append(flat ? "[ " : "[\n");
        for (int i = 0; i < items.length; i++) {
            if (!flat) {
                out.append(inner);
            }
            write(items[i], out, inner);
            if (i + 1 < items.length) {
                out.append(flat ? ", " : ",\n");
            }
        }
        out.append(flat ? " ]" : "\n" + indent + "]");
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
