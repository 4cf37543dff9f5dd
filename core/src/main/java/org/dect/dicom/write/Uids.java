package org.dect.dicom.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** The one place DICOM UIDs come from: "2.25." and a UUID as a decimal (PS3.5 B.2), random for new objects. */
public final class Uids {

    private Uids() { }

    public static String newUid() {
        return of(UUID.randomUUID());
    }

    /** The same UID for the same name, every time (a name-based UUID): what identifies dect as an observer in its reports. */
    static String named(String name) {
        return of(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String of(UUID u) {
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
