package org.dect.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.dect.dicom.read.SliceHeader;

/**
 * One series found on disk: its slices (in file order, not yet sorted) and what the first slice says
 * about all of them. Consistency between slices is checked when the series is stacked into a volume.
 */
public record SeriesInfo(String seriesUid, List<SliceHeader> slices) {

    /** SOP classes whose images can be stacked: CT, Enhanced CT, Legacy Converted Enhanced CT. */
    private static final Set<String> CT_IMAGE_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2");

    public SeriesInfo {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("a series needs at least one slice");
        }
        slices = List.copyOf(slices);
    }

    public SliceHeader first() {
        return slices.get(0);
    }

    public int sliceCount() {
        return slices.size();
    }

    public Double kvp() {
        return first().acquisition().kvp();
    }

    public String modality() {
        return first().identity().modality();
    }

    public String studyUid() {
        return first().identity().studyUid();
    }

    public String frameOfReferenceUid() {
        return first().identity().frameOfReferenceUid();
    }

    public String description() {
        return first().acquisition().seriesDescription();
    }

    public String kernel() {
        return first().acquisition().kernel();
    }

    public String imageType() {
        return first().acquisition().imageType();
    }

    public SliceHeader.SlicePlane plane() {
        return first().plane();
    }

    /** Filter Material when recorded, else Filter Type, else null. */
    public String filter() {
        SliceHeader.Acquisition a = first().acquisition();
        return a.filterMaterial() != null ? a.filterMaterial() : a.filterType();
    }

    /** Whether the header says the tube had a tin (Sn) pre-filter. */
    public boolean tinFilterRecorded() {
        String f = (Objects.toString(first().acquisition().filterMaterial(), "") + " "
                + Objects.toString(first().acquisition().filterType(), "")).toUpperCase(Locale.ROOT);
        return f.contains("TIN") || f.matches(".*\\bSN\\b.*");
    }

    /** "80 kV", "Sn150 kV" or "? kV". */
    public String energyLabel() {
        Double kvp = kvp();
        String kv = kvp == null ? "?" : kvp == Math.rint(kvp) ? Integer.toString(kvp.intValue()) : kvp.toString();
        return (tinFilterRecorded() ? "Sn" : "") + kv + " kV";
    }

    /** The transfer syntaxes of the series' files. */
    public Set<String> transferSyntaxes() {
        Set<String> out = new TreeSet<>();
        slices.forEach(s -> out.add(s.encoding().transferSyntaxUid()));
        return out;
    }

    /** The deepest folder that holds every file of the series. */
    public Path folder() {
        Path common = first().file().toAbsolutePath().normalize().getParent();
        for (SliceHeader s : slices) {
            Path p = s.file().toAbsolutePath().normalize();
            while (common != null && !p.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }

    /**
     * Why this series cannot be one energy of a pair, or null when it can. Overrides (--low/--high)
     * may still pick an ineligible series, for the reasons that are only heuristics.
     */
    public String ineligibility() {
        SliceHeader h = first();
        String imageType = Objects.toString(imageType(), "").toUpperCase(Locale.ROOT);
        if (!"CT".equals(modality())) {
            return "not CT (modality " + modality() + ")";
        }
        if (!CT_IMAGE_CLASSES.contains(h.identity().sopClassUid())) {
            return "not a CT image (SOP class " + h.identity().sopClassUid() + ")";
        }
        if (imageType.contains("LOCALIZER")) {
            return "localizer";
        }
        if (h.encoding().samplesPerPixel() != 1) {
            return "colour image";
        }
        if (kvp() == null) {
            return "no KVP recorded";
        }
        if (imageType.matches(".*\\b(MIXED|MIX|BLEND|BLENDED)\\b.*")) {
            return "mixed/blended image";
        }
        if (sliceCount() < 2) {
            return "a single slice";
        }
        if (h.plane().position() == null || h.plane().orientation() == null) {
            return "no Image Position/Orientation";
        }
        return null;
    }

    /** "series 3 'DE Hand 80kV' (80 kV, Qr40, 80 slices, UID)" for messages. */
    public String describe() {
        Integer number = first().acquisition().seriesNumber();
        return "series " + (number == null ? "" : number + " ") + "'" + Objects.toString(description(), "") + "' ("
                + energyLabel() + ", " + (kernel() == null ? "" : kernel() + ", ") + sliceCount() + " slices, "
                + plane().columns() + "x" + plane().rows() + ", UID " + seriesUid + ")";
    }
}
