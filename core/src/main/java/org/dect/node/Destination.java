package org.dect.node;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Storage SCP that results are sent to: AET@HOST:PORT. */
public record Destination(String aet, String host, int port) {

    private static final Pattern FORM = Pattern.compile("([^@]{1,16})@([^:@]+):([0-9]{1,5})");

    public static Destination parse(String s) {
        Matcher m = FORM.matcher(s.trim());
        if (!m.matches() || Integer.parseInt(m.group(3)) < 1 || Integer.parseInt(m.group(3)) > 65535) {
            throw new IllegalArgumentException("a destination is AET@HOST:PORT, e.g. PACS@10.0.0.5:104; got '" + s + "'");
        }
        return new Destination(m.group(1).trim(), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** Its outbox's folder name: no characters a file system minds. */
    String folderName() {
        return (aet + "@" + host + "_" + port).replaceAll("[^A-Za-z0-9@._-]", "_");
    }

    @Override
    public String toString() {
        return aet + "@" + host + ":" + port;
    }
}
