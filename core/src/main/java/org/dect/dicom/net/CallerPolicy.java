package org.dect.dicom.net;

import java.net.InetAddress;

/** Who may associate: the node's allow list. */
@FunctionalInterface
public interface CallerPolicy {

    CallerPolicy ANYONE = (aet, host) -> null;

    /** Why this caller is refused, or null when it may associate. */
    String refusal(String callingAet, InetAddress host);
}
