package org.dect.dicom.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dect.testing.Results;
import org.dect.ProgressListener;
import org.dect.decompose.Labels;
import org.dect.decompose.Presets;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.render.Fusion;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testdata.SeriesFixture;
import org.dect.testing.DicomEdit;
import org.dect.testing.Pydicom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What derived objects say about their sources, read back by pydicom: references to multi-frame
 * (Legacy Converted Enhanced CT) sources by their own SOP class and frame number, never as classic CT
 * Image Storage; the patient's anatomy as the source has it, not a phantom's; descriptions that stay one
 * value; series numbered from the base the options give.
 */
class DerivedReferencesTest {

    @TempDir
    Path tmp;

    private static final String SCRIPT = String.join("\n",
            "import json, sys, pydicom",
            "out = {}",
            "for f in sys.argv[1:]:",
            "    d = pydicom.dcmread(f)",
            "    def refs(seq):",
            "        return [[r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID, int(getattr(r, 'ReferencedFrameNumber', 0) or 0)] for r in seq]",
            "    e = {'modality': d.Modality, 'series_number': int(d.SeriesNumber), 'body_part': d.get('BodyPartExamined'),",
            "         'laterality': d.get('Laterality'), 'manufacturer': d.get('Manufacturer'),",
            "         'description_values': 1 if isinstance(d.SeriesDescription, str) else len(d.SeriesDescription)}",
            "    if d.Modality == 'SEG':",
            "        e['frames'] = [refs(fr.DerivationImageSequence[0].SourceImageSequence) for fr in d.PerFrameFunctionalGroupsSequence]",
            "        e['series'] = [refs(s.ReferencedInstanceSequence) for s in d.ReferencedSeriesSequence]",
            "    else:",
            "        e['sources'] = refs(d.SourceImageSequence)",
            "        e['z'] = float(d.ImagePositionPatient[2])",
            "    out[f] = e",
            "print(json.dumps(out))");

    @Test
    void multiFrameSourcesAreReferencedByTheirOwnClassAndFrame() throws IOException {
        for (String energy : List.of("low", "high")) {
            Path folder = Files.createDirectories(tmp.resolve("study").resolve(energy));
            try (InputStream in = org.dect.dicom.read.SliceHeader.class.getResourceAsStream(
                    "/org/dect/dicom/read/legacy-converted-enhanced-ct/" + energy + ".dcm")) {
                Files.copy(in, folder.resolve(energy + ".dcm"));
            }
        }
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(tmp.resolve("study")), PairRequest.AUTOMATIC);
        JsonNode out = write(v, 700);
        String lowFile = v.lowSlices().get(0).sopInstanceUid();
        int fused = 0;
        for (JsonNode e : out) {
            if (e.get("modality").asText().equals("SEG")) {
                JsonNode instances = e.get("series").get(0);
                assertEquals(1, instances.size(), "one multi-frame file: one referenced instance");
                assertEquals(UID.LegacyConvertedEnhancedCTImageStorage, instances.get(0).get(0).asText());
                for (JsonNode frame : e.get("frames")) {
                    assertEquals(UID.LegacyConvertedEnhancedCTImageStorage, frame.get(0).get(0).asText());
                    assertEquals(lowFile, frame.get(0).get(1).asText());
                    assertEquals(4, frame.get(0).get(2).asInt(), "the frame of the labelled slice, 1-based");
                }
                continue;
            }
            int z = (int) Math.round(e.get("z").asDouble() + 20); // fixture slices from z = -20 mm, 1 mm apart
            JsonNode sources = e.get("sources");
            assertEquals(2, sources.size(), "a derived image names both energies");
            for (JsonNode s : sources) {
                assertEquals(UID.LegacyConvertedEnhancedCTImageStorage, s.get(0).asText(), "source class");
                assertEquals(z + 1, s.get(2).asInt(), "source frame");
            }
            fused++;
        }
        assertEquals(16, fused, "fused and overlay images, 8 each");
    }

    @Test
    void theSourcesAnatomyAndOneValuedDescriptionsAndTheSeriesNumbersAsGiven() throws IOException {
        Path study = new SeriesFixture().writePair(tmp.resolve("study"));
        for (String energy : List.of("low", "high")) {
            DicomEdit.each(study.resolve(energy), a -> {
                a.setString(Tag.BodyPartExamined, VR.CS, "FOOT");
                a.setString(Tag.Laterality, VR.CS, "L");
                a.setString(Tag.Manufacturer, VR.LO, "Scanner Maker");
            });
        }
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
        // A preset name with a backslash, as a user may give a calibration: in a description it must stay text.
        org.dect.decompose.Preset p = Presets.P80_SN150;
        JsonNode out = write(v, 1230, new org.dect.decompose.Preset("site\\scanner 2", p.lowKvp(), p.highKvp(), p.tinHigh(),
                p.urateHuPerPercent(), p.haHuPerMgCm3(), p.background(), p.softTissue(), p.fat(), p.corticalBone(), p.source()));
        for (JsonNode e : out) {
            boolean seg = e.get("modality").asText().equals("SEG");
            assertEquals("FOOT", e.get("body_part").asText());
            assertEquals(seg ? "null" : "L", String.valueOf(e.get("laterality").isNull() ? "null" : e.get("laterality").asText()),
                    "laterality as the source has it (a SEG may not carry it)");
            assertEquals("dect", e.get("manufacturer").asText(), "the equipment that made the object");
            assertEquals(1, e.get("description_values").asInt(), "Series Description is one value");
            int number = e.get("series_number").asInt();
            assertTrue(number == 1231 || number == 1232 || number == 1233, "series numbered from the base: " + number);
        }
    }

    private JsonNode write(DualEnergyVolumes v, int base) throws IOException {
        return write(v, base, Presets.P80_SN150);
    }

    /** Fused, SEG and overlay of labels with a small urate blob on the fourth slice. */
    private JsonNode write(DualEnergyVolumes v, int base, org.dect.decompose.Preset preset) throws IOException {
        int n = v.low().geometry().columns() * v.low().geometry().rows();
        byte[][] labels = new byte[v.low().geometry().slices()][n];
        for (int i = 100; i < 110; i++) {
            labels[3][i] = Labels.URATE;
        }
        DecompositionResult result = Results.ofLabels(DecompositionOptions.defaults().withThreads(2), preset, labels);
        Path out = Files.createDirectories(tmp.resolve("out-" + base));
        RunOutputs.write(v, result, new OutputOptions(EnumSet.of(OutputKind.FUSED, OutputKind.SEG, OutputKind.OVERLAY), Fusion.DEFAULT,
                base, "test"), out, 2, ProgressListener.NONE);
        List<String> args = new java.util.ArrayList<>();
        try (var walk = Files.walk(out)) {
            // The SR written with the SEG refers to instances, not source images: OutputsTest checks it.
            walk.filter(p -> p.toString().endsWith(".dcm") && !p.getParent().endsWith("sr")).sorted().forEach(p -> args.add(p.toString()));
        }
        return new ObjectMapper().readTree(Pydicom.eval(SCRIPT, args.toArray(String[]::new)));
    }
}
