package org.dect.dicom.read;

import java.nio.file.Path;

/**
 * What the header of one image slice says, copied out of dcm4che's attributes into plain values. A
 * single-frame file gives one; an Enhanced CT file gives one per frame, with {@code frame} its 0-based index.
 *
 * @param file the file the slice lives in
 * @param frame 0-based frame index inside {@code file}
 * @param frameCount number of frames in {@code file}
 * @param sopInstanceUid the SOP Instance UID of the file (shared by all frames of a multi-frame file)
 * @param instanceNumber Instance Number, for messages only: slices are ordered by position
 * @param pixelData where the file's Pixel Data is, so that decoding need not parse the header again
 */
public record SliceHeader(Path file, int frame, int frameCount, String sopInstanceUid, Integer instanceNumber,
                          SeriesIdentity identity, Acquisition acquisition, SlicePlane plane, PixelEncoding encoding,
                          PixelData pixelData) {

    /** "file" or "file, frame 3" for messages. */
    public String describe() {
        return frameCount > 1 ? file + ", frame " + (frame + 1) : file.toString();
    }

    /** The UIDs and modality that tie a slice to its study, series and coordinate system. */
    public record SeriesIdentity(String studyUid, String seriesUid, String frameOfReferenceUid,
                                 String modality, String sopClassUid) { }

    /**
     * How the slice was acquired and reconstructed.
     *
     * @param kvp peak kilovoltage, null when absent
     * @param filterType Filter Type (0018,1160), e.g. "FLAT", "WEDGE"; null when absent
     * @param filterMaterial Filter Material (0018,7050), e.g. "TIN" for the Sn pre-filter; null when absent
     * @param kernel Convolution Kernel, all values joined with '\'
     * @param imageType Image Type, all values joined with '\'
     * @param acquisitionNumber Acquisition Number, null when absent or empty
     */
    public record Acquisition(Double kvp, String filterType, String filterMaterial, String kernel, String imageType,
                              String seriesDescription, Integer seriesNumber, Integer acquisitionNumber) { }

    /**
     * Image Plane: size, spacing, position and orientation.
     *
     * @param rowSpacing first value of Pixel Spacing (between rows), mm
     * @param columnSpacing second value of Pixel Spacing (between columns), mm
     * @param position Image Position (Patient), null when absent
     * @param orientation Image Orientation (Patient), six values, null when absent
     * @param thickness Slice Thickness, NaN when absent
     */
    public record SlicePlane(int rows, int columns, double rowSpacing, double columnSpacing,
                             double[] position, double[] orientation, double thickness) { }

    /**
     * How the stored values become Hounsfield units.
     *
     * @param signed Pixel Representation 1
     * @param rescaleSlope Rescale Slope, NaN when the header has none (Type 1 in CT: such a CT slice is refused)
     * @param rescaleIntercept Rescale Intercept, NaN when the header has none
     */
    public record PixelEncoding(String transferSyntaxUid, int bitsAllocated, int bitsStored, boolean signed,
                                int samplesPerPixel, String photometric, double rescaleSlope, double rescaleIntercept) {

        public boolean hasRescale() {
            return !Double.isNaN(rescaleSlope) && !Double.isNaN(rescaleIntercept);
        }
    }

    /**
     * Where the value of Pixel Data lies in the file.
     *
     * @param offset byte offset of the value in the file; {@link #NOT_IN_FILE} when the file is deflated,
     *               so that only a parser that inflates it can reach the pixels
     * @param length length of the value in bytes; {@link #ENCAPSULATED} for compressed fragments
     */
    public record PixelData(long offset, long length) {

        public static final long NOT_IN_FILE = -1;
        public static final long ENCAPSULATED = -1;

        public boolean encapsulated() {
            return length == ENCAPSULATED;
        }
    }
}
