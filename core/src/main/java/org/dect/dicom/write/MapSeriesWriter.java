package org.dect.dicom.write;

import java.nio.file.Path;
import java.util.function.IntFunction;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

import org.dect.ProgressListener;

/**
 * A material map (urate % w/w, or HA mg/cm³) as a derived greyscale series: one 16-bit signed
 * Secondary Capture image per source slice, the amount stored as an integer in steps of
 * {@code step}. Viewers scale it two ways: a Modality LUT (Rescale Slope {@code step}, Rescale Type PCT
 * or MGML, the defined terms for percent and mg/mL), which every viewer tried applies, and a Real World
 * Value Mapping (PS3.3 C.7.6.16.2.11) with the UCUM unit, which none of them did but which is the
 * standard's way to name it. Modality is OT, not CT: a CT image's values are HU to a viewer, and OHIF
 * showed a tophus as "596 HU". A window over the amounts of deposits comes with it, since automatic
 * windows are thrown by the extremes.
 */
public final class MapSeriesWriter {

    /**
     * What the map holds: its label, unit (UCUM), the amount one stored step stands for, the Rescale Type
     * (PS3.3 C.11.1.1.2) and a window over it, in the unit.
     */
    public record Quantity(String label, String explanation, Code unit, double step, String rescaleType, double windowCenter,
                           double windowWidth) { }

    private MapSeriesWriter() { }

    /** {@code amounts} gives slice z's amounts, x fastest; writes IM0001.dcm … and returns the Series Instance UID. */
    public static String write(SourceSeries source, IntFunction<float[]> amounts, Quantity quantity, DerivedSeriesSpec spec,
                               Path folder, int threads, ProgressListener progress) {
        String seriesUid = spec.uids().uid("series");
        SliceFiles.write(source.geometry().slices(), folder, false, spec.uids(), threads, progress, "maps", (z, uid) -> {
            var g = source.geometry();
            Attributes a = source.begin(UID.SecondaryCaptureImageStorage, uid, "OT", seriesUid, spec, z + 1);
            a.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
            a.setString(Tag.ConversionType, VR.CS, "WSD");
            a.setString(Tag.PatientOrientation, VR.CS, FusedSeriesWriter.patientOrientation(g.rowDirection(), g.columnDirection()));
            source.putPlane(a, z);
            Pixels.putModule(a, 1, "MONOCHROME2", g.rows(), g.columns(), 16);
            a.setInt(Tag.PixelRepresentation, VR.US, 1);
            source.putSourceImages(a, z);
            source.putReferencedImages(a, z);
            putMapping(a, quantity);
            a.setString(Tag.RescaleIntercept, VR.DS, "0");
            a.setString(Tag.RescaleSlope, VR.DS, Dicom.ds(quantity.step()));
            a.setString(Tag.RescaleType, VR.LO, quantity.rescaleType());
            a.setString(Tag.WindowCenter, VR.DS, Dicom.ds(quantity.windowCenter()));
            a.setString(Tag.WindowWidth, VR.DS, Dicom.ds(quantity.windowWidth()));
            float[] values = amounts.apply(z);
            short[] stored = new short[values.length];
            for (int i = 0; i < values.length; i++) {
                stored[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(values[i] / quantity.step())));
            }
            a.setBytes(Tag.PixelData, VR.OW, Pixels.littleEndian(stored));
            return a;
        });
        return seriesUid;
    }

    private static void putMapping(Attributes a, Quantity q) {
        Attributes item = Dicom.newItem(a, Tag.RealWorldValueMappingSequence);
        item.setInt(Tag.RealWorldValueFirstValueMapped, VR.SS, Short.MIN_VALUE);
        item.setInt(Tag.RealWorldValueLastValueMapped, VR.SS, Short.MAX_VALUE);
        item.setDouble(Tag.RealWorldValueIntercept, VR.FD, 0);
        item.setDouble(Tag.RealWorldValueSlope, VR.FD, q.step());
        item.setString(Tag.LUTLabel, VR.SH, q.label());
        item.setString(Tag.LUTExplanation, VR.LO, q.explanation());
        Dicom.setCode(item, Tag.MeasurementUnitsCodeSequence, q.unit());
    }
}
