package org.dect.decompose;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Voxel labels shared by every method, the lesion code and the outputs. */
public final class Labels {

    private Labels() { }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    public static final byte NONE = 0;
    public static final byte URATE = 1;
    public static final byte CALCIUM = 2;
    /** Calcium that is bone (a component with a cortex), kept apart from calcium deposits. */
    public static final byte BONE = 3;

    /**
     * The index of the first labelled voxel (label not {@link #NONE}) at or after {@code from} in a
     * slice of labels, or its length when there is none. Nine voxels in ten of a slice are unlabelled,
     * so it looks at eight labels at a time while they are all none: a pass over a slice's labelled
     * voxels costs a tenth of one over all of them.
     */
    public static int nextLabelled(byte[] labels, int from) {
        int i = from;
        while (i + 8 <= labels.length && (long) LONGS.get(labels, i) == 0) {
            i += 8;
        }
        while (i < labels.length && labels[i] == NONE) {
            i++;
        }
        return i;
    }
}
