package org.dect.dicom;

import java.nio.file.Path;
import java.util.function.IntFunction;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dect.ProgressListener;

/**
 * A material map (urate % w/w, or HA mg/cm³) as a derived greyscale series: one 16-bit signed
 * Secondary Capture image per source slice, the amount stored as an integer in steps of
 * {@code step}, and a Real World Value Mapping (PS3.3 C.7.6.16.2.11) that turns stored values back into
 * the amount with its UCUM unit, so that a viewer's pixel readout shows % w/w or mg/cm³.
 */
public final class MapSeriesWriter {

    /** What the map holds: its label, unit (UCUM) and the amount one stored step stands for. */
    public record Quantity(String label, String explanation, Code unit, double step) { }

    private static final AttributeTag REAL_WORLD_VALUE_MAPPING_SEQUENCE = new AttributeTag(0x0040, 0x9096);
    private static final AttributeTag REAL_WORLD_VALUE_FIRST_VALUE_MAPPED = new AttributeTag(0x0040, 0x9216);
    private static final AttributeTag REAL_WORLD_VALUE_LAST_VALUE_MAPPED = new AttributeTag(0x0040, 0x9211);
    private static final AttributeTag REAL_WORLD_VALUE_INTERCEPT = new AttributeTag(0x0040, 0x9224);
    private static final AttributeTag REAL_WORLD_VALUE_SLOPE = new AttributeTag(0x0040, 0x9225);
    private static final AttributeTag LUT_LABEL = new AttributeTag(0x0040, 0x9210);
    private static final AttributeTag LUT_EXPLANATION = new AttributeTag(0x0028, 0x3003);
    private static final AttributeTag MEASUREMENT_UNITS_CODE_SEQUENCE = new AttributeTag(0x0040, 0x08EA);

    private MapSeriesWriter() { }

    /** {@code amounts} gives slice z's amounts, x fastest; writes IM0001.dcm … and returns the Series Instance UID. */
    public static String write(SourceSeries source, IntFunction<float[]> amounts, Quantity quantity, DerivedSeriesSpec spec,
                               Path folder, int threads, ProgressListener progress) {
        String seriesUid = Uids.newUid();
        SliceFiles.write(source.geometry().slices(), folder, false, threads, progress, "maps", (z, uid) -> {
            var g = source.geometry();
            AttributeList list = source.begin(SOPClass.SecondaryCaptureImageStorage, uid, "CT", seriesUid, spec, z + 1);
            CtSeriesWriter.put(list, TagFromName.ImageType, "DERIVED\\SECONDARY\\AXIAL");
            CtSeriesWriter.put(list, TagFromName.ConversionType, "WSD");
            CtSeriesWriter.put(list, TagFromName.PatientOrientation, FusedSeriesWriter.patientOrientation(g.rowDirection(), g.columnDirection()));
            source.putPlane(list, z);
            CtSeriesWriter.putPixelModule(list, 1, "MONOCHROME2", g.rows(), g.columns(), 16);
            CtSeriesWriter.put(list, TagFromName.PixelRepresentation, "1");
            list.put(source.sourceImages(TagFromName.SourceImageSequence, z));
            list.put(source.referencedImages(z));
            list.put(mapping(quantity));
            float[] a = amounts.apply(z);
            short[] stored = new short[a.length];
            for (int i = 0; i < a.length; i++) {
                stored[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(a[i] / quantity.step())));
            }
            OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
            pixels.setValues(stored);
            list.put(pixels);
            return list;
        });
        return seriesUid;
    }

    private static SequenceAttribute mapping(Quantity q) throws DicomException {
        AttributeList item = new AttributeList();
        SignedShortAttribute first = new SignedShortAttribute(REAL_WORLD_VALUE_FIRST_VALUE_MAPPED);
        first.addValue(Short.MIN_VALUE);
        item.put(first);
        SignedShortAttribute last = new SignedShortAttribute(REAL_WORLD_VALUE_LAST_VALUE_MAPPED);
        last.addValue(Short.MAX_VALUE);
        item.put(last);
        CtSeriesWriter.put(item, REAL_WORLD_VALUE_INTERCEPT, "0");
        CtSeriesWriter.put(item, REAL_WORLD_VALUE_SLOPE, Double.toString(q.step()));
        CtSeriesWriter.put(item, LUT_LABEL, q.label());
        CtSeriesWriter.put(item, LUT_EXPLANATION, q.explanation());
        item.put(SegmentationWriter.coded(MEASUREMENT_UNITS_CODE_SEQUENCE, q.unit()));
        SequenceAttribute seq = new SequenceAttribute(REAL_WORLD_VALUE_MAPPING_SEQUENCE);
        seq.addItem(item);
        return seq;
    }
}
