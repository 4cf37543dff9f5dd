package org.dect.decompose;

/** Voxel labels shared by every method, the lesion code and the outputs. */
public final class Labels {

    private Labels() { }

    public static final byte NONE = 0;
    public static final byte URATE = 1;
    public static final byte CALCIUM = 2;
    /** Calcium that is bone (a component with a cortex), kept apart from calcium deposits. */
    public static final byte BONE = 3;
    /**
     * A deposit that stands out of soft tissue but that the scan's noise leaves between urate and
     * calcium: in neither total, shown apart, for the reader to judge.
     */
    public static final byte INDETERMINATE = 4;

    /** The label's name in reports: "urate", "calcium", "bone", "indeterminate" or "none". */
    public static String name(byte label) {
        return switch (label) {
            case URATE -> "urate";
            case CALCIUM -> "calcium";
            case BONE -> "bone";
            case INDETERMINATE -> "indeterminate";
            default -> "none";
        };
    }
}
