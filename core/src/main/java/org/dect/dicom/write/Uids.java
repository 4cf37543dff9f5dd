package org.dect.dicom.write;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** The one place new DICOM UIDs come from: "2.25." and a random UUID as a decimal (PS3.5 B.2). */
public final class Uids {

    private Uids() { }

    public static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
