package org.dect.study;

/**
 * Which series the user wants as the low- and high-kVp images; null means "choose for me".
 * Each value is a Series Instance UID or a folder holding exactly one usable series.
 */
public record PairRequest(String low, String high) {

    public static final PairRequest AUTOMATIC = new PairRequest(null, null);
}
