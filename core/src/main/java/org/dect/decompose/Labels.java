package org.dect.decompose;

/** Voxel labels shared by every method, the lesion code and the outputs. */
public final class Labels {

    private Labels() { }

    public static final byte NONE = 0;
    public static final byte URATE = 1;
    public static final byte CALCIUM = 2;
    /** Calcium that is bone (a component with a cortex), kept apart from calcium deposits. */
    public static final byte BONE = 3;
}
