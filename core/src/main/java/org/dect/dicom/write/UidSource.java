package org.dect.dicom.write;

/**
 * Where the UIDs of what a run writes come from. Random for a run of its own; derived from a seed and
 * each object's name when the same inputs must give the same objects: a node that processes a study
 * again after a crash then resends instances with the UIDs it sent before, which a PACS recognises as
 * the same, rather than a second copy of every series.
 *
 * @param seed null for random UIDs
 */
public record UidSource(String seed) {

    public static final UidSource RANDOM = new UidSource(null);

    /** The UID of the object called {@code name} within this source (e.g. "series", "instance/17"). */
    public String uid(String name) {
        return seed == null ? Uids.newUid() : Uids.named(seed + "|" + name);
    }

    /** The source for one part of a run (a series), whose names do not collide with another part's. */
    public UidSource scope(String name) {
        return seed == null ? this : new UidSource(seed + "/" + name);
    }
}
