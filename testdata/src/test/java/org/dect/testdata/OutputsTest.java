package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.OutputException;
import org.dect.ProgressListener;
import org.dect.decompose.Labels;
import org.dect.output.StagedOutputFolder;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testing.Dciodvfy;
import org.dect.testing.ExternalTools;
import org.dect.testing.Pydicom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every DICOM output checked from the outside: dciodvfy, dcentvfy and pydicom, against the in-memory result. */
class OutputsTest {

    @TempDir
    static Path tmp;

    static DualEnergyVolumes volumes;
    static DecompositionResult result;
    static Path run1;
    static Path run2;

    @BeforeAll
    static void decomposeAndWriteTwice() {
        Path study = tmp.resolve("study");
        PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(128, 128, 40)), study, false, 2,
                ProgressListener.NONE);
        volumes = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
        result = Decomposition.run(volumes, DecompositionOptions.defaults().withThreads(2), ProgressListener.NONE);
        run1 = write("run1");
        run2 = write("run2");
    }

    private static Path write(String name) {
        Path dir = tmp.resolve(name);
        try (StagedOutputFolder folder = StagedOutputFolder.create(dir, false, List.of(tmp.resolve("study")))) {
            RunOutputs.write(volumes, result, OutputOptions.all("test"), folder.path(), 2, ProgressListener.NONE);
            folder.commit();
        }
        return dir;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void everyObjectPassesDciodvfyAndSeriesAreConsistent() throws IOException {
        List<Path> fused = files(run1.resolve("fused"));
        List<Path> overlay = files(run1.resolve("overlay"));
        assertEquals(40, fused.size());
        assertEquals(40, overlay.size());
        for (Path p : List.of(fused.get(0), fused.get(20), overlay.get(0), overlay.get(20), run1.resolve("seg/segmentation.dcm"),
                files(run1.resolve("maps/urate")).get(20), files(run1.resolve("maps/ha")).get(20))) {
            Dciodvfy.assertValid(p);
        }
        ExternalTools.require("dcentvfy", "dicom3tools");
        for (List<Path> series : List.of(fused, overlay)) {
            List<String> cmd = new java.util.ArrayList<>(List.of("dcentvfy"));
            series.forEach(p -> cmd.add(p.toString()));
            ExternalTools.Result r = ExternalTools.run(cmd, null);
            assertFalse(r.output().contains("Error") || r.output().contains("nconsistent"), r.output());
        }
    }

    private static final String SEG_SCRIPT = String.join("\n",
            "import sys, json, pydicom, numpy",
            "d = pydicom.dcmread(sys.argv[1])",
            "px = d.pixel_array.reshape((-1, d.Rows, d.Columns)).astype('uint8')",
            "px.tofile(sys.argv[2])",
            "frames = []",
            "for f in d.PerFrameFunctionalGroupsSequence:",
            "    refs = [[r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID] for r in f.DerivationImageSequence[0].SourceImageSequence]",
            "    frames.append({'segment': int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber),",
            "        'z': float(f.PlanePositionSequence[0].ImagePositionPatient[2]), 'refs': refs,",
            "        'div': [int(v) for v in f.FrameContentSequence[0].DimensionIndexValues]})",
            "segs = [{'number': int(s.SegmentNumber), 'label': s.SegmentLabel, 'type': s.SegmentedPropertyTypeCodeSequence[0].CodeValue,",
            "    'lab': list(s.RecommendedDisplayCIELabValue),",
            "    'parameters': s.SegmentationAlgorithmIdentificationSequence[0].AlgorithmParameters} for s in d.SegmentSequence]",
            "dims = [[str(x.DimensionIndexPointer), str(x.FunctionalGroupPointer)] for x in d.DimensionIndexSequence]",
            "series = [{'uid': s.SeriesInstanceUID, 'instances': [[r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID]",
            "    for r in s.ReferencedInstanceSequence]} for s in d.ReferencedSeriesSequence]",
            "print(json.dumps({'frames': frames, 'segments': segs, 'study': d.StudyInstanceUID, 'for': d.FrameOfReferenceUID,",
            "    'dimensions': dims, 'series': series,",
            "    'spacing': [float(v) for v in d.SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing]}))");

    /**
     * The SEG read back by pydicom: its mask equals the labels on the slices it names; each frame's
     * Dimension Index Values are (segment number, position index), in the order the Dimension Index
     * Sequence declares; it refers to the low-kVp series alone (its Common Instance Reference and every
     * frame's source image, with the source's SOP class), so that a viewer draws it on that series.
     */
    @Test
    void segMaskReadByPydicomEqualsTheLabelsOnTheRightSlices() throws IOException {
        Path raw = tmp.resolve("seg.u8");
        JsonNode json = new ObjectMapper().readTree(Pydicom.eval(SEG_SCRIPT, run1.resolve("seg/segmentation.dcm").toString(), raw.toString()));
        byte[] pixels = Files.readAllBytes(raw);
        var g = volumes.low().geometry();
        int n = g.rows() * g.columns();
        JsonNode frames = json.get("frames");
        assertEquals(pixels.length, frames.size() * n);
        assertEquals("1710001", json.get("segments").get(0).get("type").asText());
        assertEquals("5540006", json.get("segments").get(1).get("type").asText());
        assertEquals(volumes.pair().low().studyUid(), json.get("study").asText());
        assertEquals(volumes.pair().low().frameOfReferenceUid(), json.get("for").asText());
        assertEquals("[[\"(0062, 000b)\",\"(0062, 000a)\"],[\"(0020, 0032)\",\"(0020, 9113)\"]]", json.get("dimensions").toString(),
                "dimensions: Referenced Segment Number in Segment Identification, then Image Position in Plane Position");
        assertEquals(1, json.get("series").size(), "one referenced series");
        assertEquals(volumes.pair().low().seriesUid(), json.get("series").get(0).get("uid").asText());
        assertEquals(volumes.lowSlices().size(), json.get("series").get(0).get("instances").size());
        for (JsonNode instance : json.get("series").get(0).get("instances")) {
            assertEquals(volumes.pair().low().first().identity().sopClassUid(), instance.get(0).asText());
        }
        for (JsonNode segment : json.get("segments")) {
            String parameters = segment.get("parameters").asText();
            assertTrue(parameters.contains("min_urate_percent=8.0; min_ha_mg_cm3=30.0") && parameters.contains("ratio_window_hu=150,500")
                    && !parameters.contains("{"), "key=value pairs: " + parameters);
        }
        long[] seen = new long[3];
        for (int f = 0; f < frames.size(); f++) {
            JsonNode frame = frames.get(f);
            int z = (int) Math.round((frame.get("z").asDouble() - g.slicePositions()[0][2]) / g.sliceSpacing());
            if (frame.get("segment").asInt() > 2) {
                continue; // a deposit's own segment: srMatchesTheReportAndTheSeg checks those
            }
            byte label = frame.get("segment").asInt() == 1 ? Labels.URATE : Labels.CALCIUM;
            assertEquals(1, frame.get("refs").size(), "frame " + f + " names one source image");
            assertEquals(volumes.lowSlices().get(z).sopInstanceUid(), frame.get("refs").get(0).get(1).asText(), "frame " + f + " refers to its low slice");
            assertEquals(volumes.lowSlices().get(z).identity().sopClassUid(), frame.get("refs").get(0).get(0).asText());
            assertEquals(frame.get("segment").asInt(), frame.get("div").get(0).asInt(), "frame " + f + ": first index, the segment");
            assertEquals(z + 1, frame.get("div").get(1).asInt(), "frame " + f + ": second index, the position");
            for (int i = 0; i < n; i++) {
                assertEquals(result.labels()[z][i] == label, pixels[f * n + i] == 1, "frame " + f + ", pixel " + i);
            }
            seen[label] += count(result.labels()[z], label);
        }
        // Every labelled voxel is in some frame: no slice with urate or calcium was left out.
        assertEquals(total(Labels.URATE), seen[Labels.URATE]);
        assertEquals(total(Labels.CALCIUM), seen[Labels.CALCIUM]);
    }

    private static final String OVERLAY_SCRIPT = String.join("\n",
            "import sys, pydicom, numpy",
            "d = pydicom.dcmread(sys.argv[1])",
            "numpy.stack([d.overlay_array(0x6000), d.overlay_array(0x6002)]).astype('uint8').tofile(sys.argv[2])",
            "print(d[0x6000, 0x1500].value, d[0x6002, 0x1500].value, float(d.ImagePositionPatient[2]))");

    @Test
    void overlaysAndFusedImagesCarryTheLabels() throws IOException {
        int z = busiestUrateSlice();
        Path raw = tmp.resolve("overlay.u8");
        String[] out = Pydicom.eval(OVERLAY_SCRIPT, files(run1.resolve("overlay")).get(z).toString(), raw.toString()).trim().split(" ");
        assertEquals("URATE", out[0]);
        assertEquals("CALCIUM", out[1]);
        assertEquals(volumes.low().geometry().slicePositions()[z][2], Double.parseDouble(out[2]), 1e-3);
        byte[] planes = Files.readAllBytes(raw);
        int n = result.labels()[z].length;
        for (int i = 0; i < n; i++) {
            assertEquals(result.labels()[z][i] == Labels.URATE, planes[i] == 1);
            assertEquals(result.labels()[z][i] == Labels.CALCIUM, planes[n + i] == 1);
        }
        String fused = Pydicom.eval("import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); a = d.pixel_array.astype('int32'); "
                + "print(d.PhotometricInterpretation, a.shape[2], int((a[:, :, 1] > a[:, :, 0] + 60).sum()))",
                files(run1.resolve("fused")).get(z).toString());
        String[] f = fused.trim().split(" ");
        assertEquals("RGB", f[0]);
        assertEquals(count(result.labels()[z], Labels.URATE), Long.parseLong(f[2]), "green pixels are the urate voxels");
    }

    private static final String MAP_SCRIPT = String.join("\n",
            "import sys, pydicom, numpy",
            "try:\n    from pydicom.pixels import apply_modality_lut\nexcept ImportError:\n    from pydicom.pixel_data_handlers.util import apply_modality_lut",
            "d = pydicom.dcmread(sys.argv[1])",
            "m = d.RealWorldValueMappingSequence[0]",
            "a = d.pixel_array.astype('float64') * float(m.RealWorldValueSlope) + float(m.RealWorldValueIntercept)",
            "a.astype('<f8').tofile(sys.argv[2])",
            "v = apply_modality_lut(d.pixel_array, d).astype('float64')",
            "print(m.LUTLabel, m.MeasurementUnitsCodeSequence[0].CodeValue, d.Modality, d.RescaleType, float(d.WindowCenter),",
            "    float(d.WindowWidth), float(numpy.max(numpy.abs(v - a))))");

    /**
     * The urate map as a viewer shows it: Modality OT (a CT's values would read as HU), the Modality LUT
     * to % w/w with Rescale Type PCT, the same values through the Real World Value Mapping, a window
     * over deposits, 0 in air, and the amounts of the unsmoothed images elsewhere.
     */
    @Test
    void urateMapReadsBackAsAmounts() throws IOException {
        int z = busiestUrateSlice();
        Path raw = tmp.resolve("map.f64");
        String[] out = Pydicom.eval(MAP_SCRIPT, files(run1.resolve("maps/urate")).get(z).toString(), raw.toString()).trim().split(" ");
        assertEquals(List.of("URATE", "%", "OT", "PCT"), List.of(out[0], out[1], out[2], out[3]));
        assertEquals(35, Double.parseDouble(out[4]), 0);
        assertEquals(90, Double.parseDouble(out[5]), 0);
        assertEquals(0, Double.parseDouble(out[6]), 1e-9, "the Modality LUT and the Real World Value Mapping agree");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        var basis = org.dect.decompose.TwoMaterialBasis.of(result.preset());
        short[] low = volumes.low().slices()[z];
        short[] high = volumes.high().slices()[z];
        int air = 0;
        for (int i = 0; i < low.length; i += 37) {
            // Stored in steps of 0.1 % w/w: the map holds the basis amount to within half a step, and 0 in air.
            double expected = low[i] < -500 ? 0 : basis.urate(low[i], high[i]);
            air += low[i] < -500 ? 1 : 0;
            assertEquals(expected, buf.getDouble(8 * i), 0.05 + 1e-3, "pixel " + i);
        }
        assertTrue(air > 100, "the slice has air around the limb: " + air);
    }

    @Test
    void twoRunsGiveNewUidsAndTheSamePixels() throws IOException {
        String script = "import sys, pydicom, hashlib\nfor f in sys.argv[1:]:\n    d = pydicom.dcmread(f)\n"
                + "    print(d.SeriesInstanceUID, d.SOPInstanceUID, hashlib.sha1(d.PixelData).hexdigest())";
        String out = Pydicom.eval(script, run1.resolve("seg/segmentation.dcm").toString(), run2.resolve("seg/segmentation.dcm").toString(),
                files(run1.resolve("fused")).get(7).toString(), files(run2.resolve("fused")).get(7).toString(),
                files(run1.resolve("overlay")).get(7).toString(), files(run2.resolve("overlay")).get(7).toString());
        String[] lines = out.trim().split("\n");
        for (int k = 0; k < 6; k += 2) {
            String[] a = lines[k].split(" ");
            String[] b = lines[k + 1].split(" ");
            assertNotEquals(a[0], b[0], "new Series Instance UID");
            assertNotEquals(a[1], b[1], "new SOP Instance UID");
            assertEquals(a[2], b[2], "identical pixels");
        }
    }

    @Test
    void reportListsTotalsLesionsAndOutputs() throws IOException {
        JsonNode report = new ObjectMapper().readTree(run1.resolve("report.json").toFile());
        assertEquals(result.quantification().urateVolumeMl(), report.get("urate_volume_ml").asDouble(), 1e-12);
        assertEquals(result.quantification().calciumVolumeMl(), report.get("calcium_volume_ml").asDouble(), 1e-12);
        assertEquals(result.quantification().lesions().size(), report.get("lesions").size());
        assertEquals("fused", report.get("outputs").get("fused").get("folder").asText());
        assertEquals(40, report.get("inputs").get("slices").asInt());
        var q = result.quantification();
        double[] ci = q.urate().ci95();
        assertEquals(ci[0], report.get("urate_volume_ml_ci95").get(0).asDouble(), 1e-12);
        assertEquals(ci[1], report.get("urate_volume_ml_ci95").get(1).asDouble(), 1e-12);
        assertTrue(ci[0] < q.urateVolumeMl() && q.urateVolumeMl() < ci[1], java.util.Arrays.toString(ci));
        // The workstations' convention: voxels labelled, times the voxel volume.
        double voxelMl = volumes.low().geometry().voxelVolumeMm3() / 1000;
        assertEquals(result.labelCounts().total(Labels.URATE) * voxelMl, report.get("urate_voxel_volume_ml").asDouble(), 1e-9);
        assertTrue(report.get("urate_detection_limit").get("volume_ml").asDouble() > 0);
        assertEquals(15, report.get("urate_detection_limit").get("at_urate_percent").asDouble());
        JsonNode first = report.get("lesions").get(0);
        assertEquals(q.lesions().get(0).volumeCi95Ml()[1], first.get("volume_ml_ci95").get(1).asDouble(), 1e-12);
        assertTrue(first.get("detection_z").asDouble() >= DecompositionOptions.LesionRules.DETECTION_Z);
        assertTrue(report.get("noise").get("sd_hu").get(0).asDouble() > 15, "the phantom's 20 HU, measured");
        assertTrue(report.get("scan_calibration").get("adjustments").size() >= 2, report.get("scan_calibration").toString());
        List<String> csv = Files.readAllLines(run1.resolve("lesions.csv"));
        assertEquals(q.lesions().size() + 1, csv.size());
        assertTrue(csv.get(0).endsWith("voxel_volume_ml,volume_ml_ci95_low,volume_ml_ci95_high,detection_z,material_z"), csv.get(0));
        String[] row = csv.get(1).split(",");
        assertEquals(q.lesions().get(0).voxelVolumeMl(), Double.parseDouble(row[18]), 1e-6);
        assertTrue(Files.size(run1.resolve("montage.png")) > 1000 && Files.size(run1.resolve("scatter.png")) > 1000);
    }

    /**
     * Deposits between urate and calcium get a segment of their own, in amber, and an overlay plane,
     * and the objects stay valid: the labels of the run with some of its urate made indeterminate.
     */
    @Test
    void indeterminateDepositsHaveASegmentAndAPlane() throws IOException {
        byte[][] labels = new byte[result.labels().length][];
        int z = busiestUrateSlice();
        for (int k = 0; k < labels.length; k++) {
            labels[k] = result.labels()[k].clone();
        }
        for (int i = 0; i < labels[z].length; i++) {
            labels[z][i] = labels[z][i] == Labels.URATE ? Labels.INDETERMINATE : labels[z][i];
        }
        DecompositionResult between = org.dect.testing.Results.ofLabels(result.options(), result.preset(), labels);
        Path dir = tmp.resolve("between");
        try (StagedOutputFolder folder = StagedOutputFolder.create(dir, false, List.of(tmp.resolve("study")))) {
            RunOutputs.write(volumes, between, OutputOptions.all("test"), folder.path(), 2, ProgressListener.NONE);
            folder.commit();
        }
        Path seg = dir.resolve("seg/segmentation.dcm");
        Path overlay = files(dir.resolve("overlay")).get(z);
        Dciodvfy.assertValid(seg);
        Dciodvfy.assertValid(overlay);
        String out = Pydicom.eval("import sys, pydicom\ns = pydicom.dcmread(sys.argv[1])\n"
                + "print([x.SegmentLabel for x in s.SegmentSequence])\n"
                + "print(list(s.SegmentSequence[-1].RecommendedDisplayCIELabValue))\n"
                + "o = pydicom.dcmread(sys.argv[2])\nprint(o[0x6004, 0x0022].value)", seg.toString(), overlay.toString());
        String[] lines = out.trim().split("\n");
        assertTrue(lines[0].endsWith("'Indeterminate deposit']"), lines[0]);
        assertEquals(java.util.Arrays.toString(org.dect.render.Colours.cieLab(org.dect.render.Colours.INDETERMINATE)), lines[1]);
        assertTrue(lines[2].startsWith("Deposits between urate and calcium"), lines[2]);
    }

    @Test
    void outputFolderSafety() throws IOException {
        assertThrows(OutputException.class, () -> StagedOutputFolder.create(run1, false, List.of()), "existing output refused");
        assertThrows(OutputException.class, () -> StagedOutputFolder.create(tmp.resolve("study/low/out"), false, List.of(tmp.resolve("study"))),
                "output inside an input refused");
        Path target = tmp.resolve("failed");
        assertThrows(IllegalStateException.class, () -> {
            try (StagedOutputFolder folder = StagedOutputFolder.create(target, false, List.of())) {
                Files.writeString(folder.path().resolve("half.txt"), "half");
                throw new IllegalStateException("disk full");
            }
        });
        assertFalse(Files.exists(target), "no output folder after a failure");
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".partial-")), "no leftovers");
        }
    }

    private static int busiestUrateSlice() {
        int best = 0;
        for (int z = 0; z < result.labels().length; z++) {
            if (count(result.labels()[z], Labels.URATE) > count(result.labels()[best], Labels.URATE)) {
                best = z;
            }
        }
        return best;
    }

    private static long total(byte label) {
        long n = 0;
        for (byte[] s : result.labels()) {
            n += count(s, label);
        }
        return n;
    }

    private static final String NIFTI_SCRIPT = String.join("\n",
            "import sys, json, glob, numpy, nibabel, pydicom",
            "out, low, seg = sys.argv[1], sys.argv[2], sys.argv[3]",
            "img = nibabel.load(out + '/nifti/labels.nii.gz')",
            "lab = numpy.asanyarray(img.dataobj)",
            "A = img.affine",
            "err = 0.0",
            "for f in glob.glob(low + '/*.dcm'):",
            "    d = pydicom.dcmread(f, stop_before_pixels=True)",
            "    p = numpy.array([float(v) for v in d.ImagePositionPatient])",
            "    o = [float(v) for v in d.ImageOrientationPatient]",
            "    ps = [float(v) for v in d.PixelSpacing]",
            "    k = numpy.linalg.solve(A[:3, :3], numpy.array([-p[0], -p[1], p[2]]) - A[:3, 3])[2]",
            "    for i, j in [(0, 0), (d.Columns - 1, 0), (0, d.Rows - 1), (d.Columns - 1, d.Rows - 1)]:",
            "        lps = p + i * ps[1] * numpy.array(o[:3]) + j * ps[0] * numpy.array(o[3:])",
            "        ras = A @ numpy.array([i, j, round(k), 1.0])",
            "        err = max(err, float(numpy.max(numpy.abs(ras[:3] - [-lps[0], -lps[1], lps[2]]))))",
            "s = pydicom.dcmread(seg)",
            "px = s.pixel_array.reshape((-1, s.Rows, s.Columns))",
            "values = {int(x.SegmentNumber): {'Uric acid': 1, 'Calcium': 2, 'Indeterminate deposit': 4}.get(x.SegmentLabel)",
            "    for x in s.SegmentSequence}",
            "inv = numpy.linalg.inv(A)",
            "mismatch, compared, framed = 0, 0, set()",
            "for n, fr in enumerate(s.PerFrameFunctionalGroupsSequence):",
            "    p = [float(v) for v in fr.PlanePositionSequence[0].ImagePositionPatient]",
            "    k = int(round((inv @ numpy.array([-p[0], -p[1], p[2], 1.0]))[2]))",
            "    v = values[int(fr.SegmentIdentificationSequence[0].ReferencedSegmentNumber)]",
            "    if v is None:",
            "        continue",
            "    framed.add((k, v))",
            "    mismatch += int(numpy.sum((lab[:, :, k].T == v) != (px[n] == 1)))",
            "    compared += px[n].size",
            "for k in range(lab.shape[2]):",
            "    for v in set(values.values()) - {None}:",
            "        if (k, v) not in framed:",
            "            mismatch += int(numpy.sum(lab[:, :, k] == v))",
            "u = nibabel.load(out + '/nifti/urate.nii.gz')",
            "print(json.dumps({'shape': list(lab.shape), 'position_error_mm': err, 'mismatch': mismatch, 'compared': compared,",
            "    'urate_max': float(numpy.max(u.get_fdata())), 'slope': float(u.dataobj.slope),",
            "    'qform_equals_sform': bool(numpy.allclose(img.get_qform(), img.get_sform(), atol=1e-3)),",
            "    'values': sorted(int(x) for x in numpy.unique(lab))}))");

    /**
     * The NIfTI files read by nibabel: the affine puts every voxel centre of the corners of each slice
     * on the DICOM position of the low-kVp slice within 0.01 mm (LPS to RAS), qform and sform agree,
     * the labels equal the SEG's segments voxel for voxel, and the amounts come scaled.
     */
    @Test
    void niftiSitsOnTheDicomGridAndEqualsTheSeg() throws IOException {
        ExternalTools.requireNibabel();
        JsonNode json = new ObjectMapper().readTree(Pydicom.eval(NIFTI_SCRIPT, run1.toString(), tmp.resolve("study/low").toString(),
                run1.resolve("seg/segmentation.dcm").toString()));
        var g = volumes.low().geometry();
        assertEquals(List.of(g.columns(), g.rows(), g.slices()), List.of(json.get("shape").get(0).asInt(), json.get("shape").get(1).asInt(),
                json.get("shape").get(2).asInt()));
        assertTrue(json.get("position_error_mm").asDouble() < 0.01, json.toString());
        assertTrue(json.get("qform_equals_sform").asBoolean(), json.toString());
        assertTrue(json.get("compared").asLong() > 0, json.toString());
        assertEquals(0, json.get("mismatch").asLong(), "labels against the SEG: " + json);
        assertEquals(0.1, json.get("slope").asDouble(), 1e-6);
        assertTrue(json.get("urate_max").asDouble() > 15 && json.get("urate_max").asDouble() < 200, "urate % w/w, scaled: " + json);
        assertTrue(json.get("values").toString().matches("\\[0,1,2,3.*"), "none, urate, calcium, bone: " + json);
    }

    /**
     * report.html in a real browser, headless Chromium: the page's self-test (its address ending in
     * #selftest) moves the scroller and turns urate off, and the picture changes both times; no script
     * error, none in the console either; a screenshot is kept in target/. The page holds everything
     * itself, and its size stays within 5 MB for 300 slices (measured per slice here).
     */
    @Test
    void htmlReportWorksInABrowser() throws IOException {
        ExternalTools.require("chromium", "chromium");
        Path html = run1.resolve("report.html");
        String page = Files.readString(html);
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:|file:|//).*"), "nothing loaded from outside the page");
        assertTrue(Files.size(html) < 5e6 * volumes.low().geometry().slices() / 300, "size " + Files.size(html));
        List<String> chromium = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
                "--enable-logging=stderr", "--v=0");
        List<String> dump = new java.util.ArrayList<>(chromium);
        dump.addAll(List.of("--dump-dom", html.toUri() + "#selftest"));
        // The thumbnails decode in real time, which --virtual-time-budget does not wait for: on a busy machine
        // the DOM may be dumped before the self-test has written its line, so a run without it is tried again.
        ExternalTools.Result r = null;
        java.util.regex.Matcher m = null;
        for (int attempt = 0; attempt < 3 && (m == null || !m.find()); attempt++) {
            r = ExternalTools.run(dump, null);
            m = java.util.regex.Pattern.compile("<pre id=\"selftest\">([^<]*)</pre>").matcher(r.output());
        }
        assertTrue(m.find(0), "the self-test ran: " + r.output().substring(Math.max(0, r.output().length() - 2000)));
        JsonNode test = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\""));
        assertEquals(volumes.low().geometry().slices(), test.get("slices").asInt());
        assertTrue(test.get("changed").asBoolean(), "the scroller changes the slice: " + test);
        assertTrue(test.get("toggled").asBoolean(), "urate turns off: " + test);
        assertEquals(0, test.get("errors").size(), "script errors: " + test);
        assertFalse(r.output().matches("(?s).*CONSOLE.*(Uncaught|Error).*"), "console errors: " + r.output());
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        List<String> screenshot = new java.util.ArrayList<>(chromium);
        screenshot.addAll(List.of("--window-size=1200,1800", "--screenshot=" + shot, html.toUri().toString()));
        ExternalTools.run(screenshot, null);
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
    }

    /**
     * Decodes a SEG with dcmjs: per frame its segment, the label of that segment and its source image;
     * the unpacked bits (dcmjs writes 255 for a set bit) to a file.
     */
    private static final String DCMJS_SCRIPT = String.join("\n",
            "const [dcmjsDir, segFile, bitsFile] = process.argv.slice(2);",
            "const dcmjs = require(dcmjsDir);",
            "const fs = require('fs');",
            "const buf = fs.readFileSync(segFile);",
            "const data = dcmjs.data.DicomMessage.readFile(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));",
            "const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(data.dict);",
            "const one = x => Array.isArray(x) ? x[0] : x;",
            "const bits = dcmjs.data.BitArray.unpack(new Uint8Array(one(ds.PixelData)));",
            "fs.writeFileSync(bitsFile, Buffer.from(bits.buffer, bits.byteOffset, ds.Rows * ds.Columns * ds.NumberOfFrames));",
            "const labels = {};",
            "for (const s of [].concat(ds.SegmentSequence)) labels[s.SegmentNumber] = s.SegmentLabel;",
            "const frames = [].concat(ds.PerFrameFunctionalGroupsSequence).map(f => {",
            "  const segment = one(f.SegmentIdentificationSequence).ReferencedSegmentNumber;",
            "  const source = one(one(one(f.DerivationImageSequence).SourceImageSequence));",
            "  return {segment: segment, label: labels[segment], sop: source.ReferencedSOPInstanceUID};",
            "});",
            "console.log(JSON.stringify({rows: ds.Rows, columns: ds.Columns, frames: frames}));");

    /**
     * dcmjs (the DICOM library OHIF is built on) decodes the SEG into the labels, frame by frame, on the
     * source slices its frames name.
     */
    @Test
    void segDecodedByDcmjsEqualsTheLabels() throws IOException {
        ExternalTools.require("node", "nodejs");
        Path dcmjs = org.dect.testing.TestData.dcmjs();
        Path script = Files.writeString(tmp.resolve("decode-seg.js"), DCMJS_SCRIPT);
        Path bits = tmp.resolve("seg-bits.u8");
        ExternalTools.Result r = ExternalTools.run(List.of("node", script.toString(), dcmjs.toString(),
                run1.resolve("seg/segmentation.dcm").toString(), bits.toString()), null);
        assertEquals(0, r.exitCode(), r.output());
        JsonNode json = new ObjectMapper().readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        byte[] mask = Files.readAllBytes(bits);
        var g = volumes.low().geometry();
        int n = g.rows() * g.columns();
        java.util.Map<String, Integer> sliceOf = new java.util.HashMap<>();
        for (int z = 0; z < volumes.lowSlices().size(); z++) {
            sliceOf.put(volumes.lowSlices().get(z).sopInstanceUid(), z);
        }
        java.util.Map<String, Byte> labelOf = java.util.Map.of("Uric acid", Labels.URATE, "Calcium", Labels.CALCIUM,
                "Indeterminate deposit", Labels.INDETERMINATE);
        JsonNode frames = json.get("frames");
        assertTrue(frames.size() > 0);
        long ones = 0;
        for (int f = 0; f < frames.size(); f++) {
            JsonNode frame = frames.get(f);
            Integer z = sliceOf.get(frame.get("sop").asText());
            assertTrue(z != null, "frame " + f + " names a low-kVp slice: " + frame);
            Byte label = labelOf.get(frame.get("label").asText());
            if (label == null) {
                continue; // a deposit's own segment
            }
            for (int i = 0; i < n; i++) {
                assertEquals(result.labels()[z][i] == label, mask[f * n + i] != 0, "frame " + f + ", pixel " + i);
                ones += mask[f * n + i] != 0 ? 1 : 0;
            }
        }
        assertEquals(result.labelCounts().total(Labels.URATE) + result.labelCounts().total(Labels.CALCIUM)
                + result.labelCounts().total(Labels.INDETERMINATE), ones, "every deposit voxel, once");
    }

    /** The SR's content tree as JSON: its header, its image library, and each measurement group's items. */
    private static final String SR_SCRIPT = String.join("\n",
            "import sys, json, pydicom",
            "d = pydicom.dcmread(sys.argv[1])",
            "seg = pydicom.dcmread(sys.argv[2])",
            "segments = {int(x.SegmentNumber): x.SegmentLabel for x in seg.SegmentSequence}",
            "px = seg.pixel_array.reshape((-1, seg.Rows, seg.Columns))",
            "voxels = {}",
            "for n, f in enumerate(seg.PerFrameFunctionalGroupsSequence):",
            "    k = int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber)",
            "    voxels[k] = voxels.get(k, 0) + int(px[n].sum())",
            "def code(c): return c[0].CodeValue + '^' + c[0].CodingSchemeDesignator",
            "out = {'sop_class': d.SOPClassUID, 'modality': d.Modality, 'study': d.StudyInstanceUID, 'series': d.SeriesInstanceUID,",
            "    'root': code(d.ConceptNameCodeSequence), 'template': d.ContentTemplateSequence[0].TemplateIdentifier, 'groups': [],",
            "    'library': 0}",
            "for item in d.ContentSequence:",
            "    name = code(item.ConceptNameCodeSequence)",
            "    if name == '111028^DCM':",
            "        out['library'] = len(item.ContentSequence[0].ContentSequence)",
            "    if name != '126010^DCM':",
            "        continue",
            "    for g in item.ContentSequence:",
            "        group = {'template': g.ContentTemplateSequence[0].TemplateIdentifier, 'num': {}}",
            "        for c in g.ContentSequence:",
            "            n = code(c.ConceptNameCodeSequence)",
            "            if c.ValueType == 'TEXT': group['tracking'] = c.TextValue",
            "            elif c.ValueType == 'UIDREF': group[n] = c.UID",
            "            elif c.ValueType == 'CODE': group['finding'] = code(c.ConceptCodeSequence)",
            "            elif c.ValueType == 'IMAGE':",
            "                r = c.ReferencedSOPSequence[0]",
            "                group['seg_uid'] = r.ReferencedSOPInstanceUID",
            "                group['segment'] = segments[int(r.ReferencedSegmentNumber)]",
            "                group['segment_voxels'] = voxels.get(int(r.ReferencedSegmentNumber), 0)",
            "            elif c.ValueType == 'NUM':",
            "                key = n",
            "                for m in getattr(c, 'ContentSequence', []):",
            "                    if m.ValueType == 'NUM': key += '@' + str(m.MeasuredValueSequence[0].NumericValue)",
            "                v = c.MeasuredValueSequence[0]",
            "                group['num'][key] = [float(v.NumericValue), v.MeasurementUnitsCodeSequence[0].CodeValue]",
            "        out['groups'].append(group)",
            "out['seg_uid'] = seg.SOPInstanceUID",
            "print(json.dumps(out))");

    /**
     * The TID 1500 SR: dciodvfy and dcentvfy with the SEG pass it, and pydicom walks its content tree:
     * one group per material total and per deposit, each referring to its own segment of the SEG and
     * to the low-kVp series, every value equal to report.json's.
     */
    @Test
    void srMatchesTheReportAndTheSeg() throws IOException {
        Path sr = run1.resolve("sr/measurements.dcm");
        Path seg = run1.resolve("seg/segmentation.dcm");
        Dciodvfy.assertValid(sr);
        ExternalTools.require("dcentvfy", "dicom3tools");
        ExternalTools.Result entities = ExternalTools.run(List.of("dcentvfy", sr.toString(), seg.toString()), null);
        assertFalse(entities.output().contains("Error"), entities.output());
        JsonNode tree = new ObjectMapper().readTree(Pydicom.eval(SR_SCRIPT, sr.toString(), seg.toString()));
        JsonNode report = new ObjectMapper().readTree(run1.resolve("report.json").toFile());
        assertEquals("1.2.840.10008.5.1.4.1.1.88.34", tree.get("sop_class").asText(), "Comprehensive 3D SR");
        assertEquals("SR", tree.get("modality").asText());
        assertEquals("126000^DCM", tree.get("root").asText());
        assertEquals("1500", tree.get("template").asText());
        assertEquals(volumes.pair().low().studyUid(), tree.get("study").asText());
        assertEquals(report.at("/outputs/sr/series_uid").asText(), tree.get("series").asText());
        assertEquals(volumes.lowSlices().size(), tree.get("library").asInt(), "the image library lists the low-kVp slices");
        java.util.Map<String, JsonNode> groups = new java.util.HashMap<>();
        for (JsonNode g : tree.get("groups")) {
            assertEquals("1411", g.get("template").asText());
            assertEquals(tree.get("seg_uid").asText(), g.get("seg_uid").asText(), "refers to the SEG");
            assertEquals(volumes.pair().low().seriesUid(), g.get("121232^DCM").asText(), "source series: the low-kVp one");
            groups.put(g.get("tracking").asText(), g);
        }
        JsonNode lesions = report.get("lesions");
        assertTrue(lesions.size() > 0);
        assertEquals(lesions.size() + (report.get("urate_lesions").asInt() > 0 ? 1 : 0) + (report.get("calcium_lesions").asInt() > 0 ? 1 : 0)
                + (report.get("indeterminate_lesions").asInt() > 0 ? 1 : 0), groups.size(), "a group per total and per deposit");
        for (JsonNode l : lesions) {
            String material = l.get("material").asText();
            String name = (material.equals("urate") ? "Urate" : material.equals("calcium") ? "Calcium" : "Indeterminate") + " deposit "
                    + l.get("id").asInt();
            JsonNode g = groups.get(name);
            assertTrue(g != null, name + " has a group: " + groups.keySet());
            assertEquals(name, g.get("segment").asText(), "refers to its own segment");
            assertEquals(l.get("voxels").asLong(), g.get("segment_voxels").asLong(), name + ": the segment holds the deposit's voxels");
            assertEquals(material.equals("urate") ? "1710001^SCT" : material.equals("calcium") ? "5540006^SCT" : "52988006^SCT",
                    g.get("finding").asText());
            JsonNode num = g.get("num");
            assertClose(l.get("volume_ml").asDouble(), num.get("118565006^SCT"), "ml", name + " volume");
            assertClose(l.get("volume_ml_ci95").get(0).asDouble(), num.get("VOL-CI95-LOW^99DECT"), "ml", name);
            assertClose(l.get("volume_ml_ci95").get(1).asDouble(), num.get("VOL-CI95-HIGH^99DECT"), "ml", name);
            assertClose(l.get("voxel_volume_ml").asDouble(), num.get("VOL-VOXELS^99DECT"), "ml", name);
            assertClose(l.get("mean_hu_low").asDouble(), num.get("112031^DCM@80"), "[hnsf'U]", name + " HU at 80 kV");
            assertClose(l.get("mean_hu_high").asDouble(), num.get("112031^DCM@150"), "[hnsf'U]", name + " HU at 150 kV");
            assertClose(l.get("mean_ratio").asDouble(), num.get("DE-RATIO^99DECT"), "1", name);
            if (material.equals("calcium")) {
                assertClose(l.get("mean_ha_mg_cm3").asDouble(), num.get("HA-MGCM3^99DECT"), "mg/cm3", name);
            } else {
                assertClose(l.get("mean_urate_percent").asDouble(), num.get("MSU-PCT^99DECT"), "%", name);
            }
        }
        JsonNode urate = groups.get("Uric acid, all deposits");
        assertEquals("Uric acid", urate.get("segment").asText());
        assertClose(report.get("urate_volume_ml").asDouble(), urate.get("num").get("118565006^SCT"), "ml", "urate total");
        assertClose(report.get("urate_voxel_volume_ml").asDouble(), urate.get("num").get("VOL-VOXELS^99DECT"), "ml", "urate total");
    }

    /** A NUM item's value and unit against report.json's value: six significant digits, UCUM unit. */
    private static void assertClose(double expected, JsonNode num, String unit, String what) {
        assertTrue(num != null, what + ": the item is there");
        assertEquals(unit, num.get(1).asText(), what + ": unit");
        assertEquals(expected, num.get(0).asDouble(), Math.abs(expected) * 1e-5 + 1e-9, what);
    }

    private static long count(byte[] labels, byte label) {
        long n = 0;
        for (byte b : labels) {
            n += b == label ? 1 : 0;
        }
        return n;
    }
}
