package org.dect.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.dect.testing.ExternalTools;
import org.dect.testing.SeriesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick header reader against PixelMed, on every file of pydicom's test set (explicit and implicit
 * VR, sequences nested, private and of unknown VR, odd character sets, broken VRs, truncated files,
 * compressed pixels) and on the fixture series: wherever it answers, its headers must equal
 * PixelMed's; where it does not, PixelMed reads the file as before.
 */
class QuickHeaderReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryFileItAnswersForExactlyLikePixelMed() throws Exception {
        Path pydicom = ExternalTools.requireFile(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm"), "python3-pydicom").getParent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(pydicom)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<String> fixture;
        try (Stream<Path> walk = Files.walk(new SeriesFixture().writePair(tmp))) {
            List<Path> written = walk.filter(Files::isRegularFile).sorted().toList();
            files.addAll(written);
            fixture = written.stream().map(f -> f.getFileName().toString()).toList();
        }
        List<String> answered = new ArrayList<>();
        for (Path file : files) {
            List<SliceHeader> quick = QuickHeaderReader.read(file);
            if (quick != null) {
                assertEquals(describe(HeaderReader.readWithPixelMed(file)), describe(quick), file.toString());
                answered.add(file.getFileName().toString());
            }
        }
        // Not vacuous: the common kinds are answered (explicit and implicit VR, compressed, the fixtures).
        for (String name : List.of("CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm")) {
            assertEquals(true, answered.contains(name), name + " answered; answered: " + answered);
        }
        assertEquals(16, fixture.size());
        assertEquals(true, answered.containsAll(fixture), "every fixture slice answered: " + answered);
    }

    @Test
    void leavesOtherEncodingsMultiFrameAndNonImagesToPixelMed() throws Exception {
        ExternalTools.requireFile(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm"), "python3-pydicom");
        for (String name : List.of("ExplVR_BigEnd.dcm", "image_dfl.dcm", "no_meta.dcm", "ExplVR_LitEndNoMeta.dcm",
                "rtdose.dcm", "test-SR.dcm", "rtplan.dcm")) {
            assertNull(QuickHeaderReader.read(SliceReaderTest.PYDICOM_DATA.resolve(name)), name);
        }
        assertNotNull(QuickHeaderReader.read(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm")));
    }

    /**
     * A header longer than the first read (a 40 KB private element) with a nested sequence in front of
     * the values it needs, written by PixelMed in explicit and in implicit VR: read again in full, and
     * the same as PixelMed's.
     */
    @Test
    void readsLongHeadersWithSequencesInBothEncodings() throws Exception {
        Path slice;
        try (Stream<Path> walk = Files.walk(new SeriesFixture().writePair(tmp.resolve("pair")))) {
            slice = walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        for (String ts : List.of(TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian)) {
            AttributeList list = new AttributeList();
            list.read(slice.toFile());
            Attribute creator = new LongStringAttribute(new AttributeTag(0x0009, 0x0010));
            creator.addValue("DECT TEST");
            list.put(creator);
            OtherByteAttribute blob = new OtherByteAttribute(new AttributeTag(0x0009, 0x1001));
            blob.setValues(new byte[40_000]);
            list.put(blob);
            SequenceAttribute outer = new SequenceAttribute(TagFromName.ReferencedImageSequence);
            AttributeList item = new AttributeList();
            SequenceAttribute inner = new SequenceAttribute(TagFromName.PurposeOfReferenceCodeSequence);
            AttributeList innerItem = new AttributeList();
            Attribute meaning = new LongStringAttribute(TagFromName.CodeMeaning);
            meaning.addValue("nested");
            innerItem.put(meaning);
            inner.addItem(innerItem);
            item.put(inner);
            outer.addItem(item);
            list.put(outer);
            list.remove(TagFromName.TransferSyntaxUID);
            FileMetaInformation.addFileMetaInformation(list, ts, "DECT");
            Path file = tmp.resolve("long-" + ts + ".dcm");
            list.write(file.toFile(), ts, true, true);

            List<SliceHeader> quick = QuickHeaderReader.read(file);
            assertNotNull(quick, ts);
            assertEquals(describe(HeaderReader.readWithPixelMed(file)), describe(quick), ts);
            assertEquals(ts, quick.get(0).encoding().transferSyntaxUid());
        }
    }

    /** Every component, arrays by value. */
    private static String describe(List<SliceHeader> slices) {
        return slices.stream().map(s -> String.join(" | ", s.file().toString(), s.frame() + "/" + s.frameCount(),
                s.sopInstanceUid(), String.valueOf(s.instanceNumber()), s.identity().toString(), s.acquisition().toString(),
                s.plane().rows() + "x" + s.plane().columns(), s.plane().rowSpacing() + "," + s.plane().columnSpacing(),
                Arrays.toString(s.plane().position()), Arrays.toString(s.plane().orientation()), String.valueOf(s.plane().thickness()),
                s.encoding().toString())).collect(Collectors.joining("\n"));
    }
}
