package org.dect.decompose;

/** Voxel labels shared by every method, the lesion code and the outputs. */
public final class Labels {

    private Labels() { }

    public static final byte NONE = 0;
    public static final byte URATE = 1;
    public static final byte CALCIUM = 2;
}
