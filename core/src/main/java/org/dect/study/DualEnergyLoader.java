package org.dect.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dect.InputException;
import org.dect.MemoryException;
import org.dect.ProgressListener;
import org.dect.dicom.read.DicomFolderScanner;
import org.dect.dicom.read.SliceHeader;
import org.dect.dicom.read.PixelReader;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * From files on disk to a pair of HU volumes: scan, group, choose the pair, check that both energies
 * lie on one grid (before any pixel is read, so bad input fails fast), then decode both series in one
 * parallel pass.
 */
public final class DualEnergyLoader {

    /** Slices of the two energies may sit this fraction of the slice spacing (or pixel) apart. */
    static final double POSITION_TOLERANCE = 0.1;

    private final int threads;
    private final ProgressListener progress;

    public DualEnergyLoader(int threads, ProgressListener progress) {
        this.threads = threads;
        this.progress = progress;
    }

    public StudyScan scan(List<Path> inputs) {
        DicomFolderScanner.ScanResult files = new DicomFolderScanner(threads, progress).scan(inputs);
        if (files.slices().isEmpty()) {
            throw new InputException("No DICOM images in " + describe(inputs) + ": " + files.filesSeen() + " file(s), "
                    + files.nonDicomFiles() + " not DICOM, " + files.nonImageObjects() + " DICOM without an image.");
        }
        return new StudyScan(files, PairSelector.group(files.slices()));
    }

    public DualEnergyVolumes load(EnergyPair pair) {
        SliceStack low = SliceStack.of(pair.low());
        SliceStack high = SliceStack.of(pair.high());
        checkSameGrid(low, high);
        requireMemory(low.geometry());
        List<SliceHeader> all = new ArrayList<>(low.sorted());
        all.addAll(high.sorted());
        short[][] hu = new PixelReader(threads, progress).readHu(all);
        int n = low.sorted().size();
        short[][] lowHu = new short[n][];
        short[][] highHu = new short[n][];
        System.arraycopy(hu, 0, lowHu, 0, n);
        System.arraycopy(hu, n, highHu, 0, n);
        return new DualEnergyVolumes(pair, new HuVolume(low.geometry(), lowHu), new HuVolume(high.geometry(), highHu),
                low.sorted(), high.sorted());
    }

    /** Scan, choose and load in one call. */
    public DualEnergyVolumes load(List<Path> inputs, PairRequest request) {
        return load(PairSelector.choose(scan(inputs).series(), request));
    }

    /**
     * Heap a study takes, bytes per voxel of one energy: the two HU volumes (2 × 2 bytes) and the labels
     * (1), with room for the collector and the slices being smoothed and written. A 512×512×300 pair
     * peaks at 0.7 GB resident (README, "Performance"), about 7 bytes per voxel with the JVM's own.
     */
    static final double HEAP_BYTES_PER_VOXEL = 7;
    static final double HEAP_BASE_BYTES = 256e6;

    /** The heap a study on this grid needs, GB. */
    public static double heapNeededGb(VolumeGeometry g) {
        return (HEAP_BASE_BYTES + HEAP_BYTES_PER_VOXEL * g.voxelCount()) / 1e9;
    }

    /** Refuses, before a pixel is decoded, a study that cannot fit in this JVM's heap. */
    private static void requireMemory(VolumeGeometry g) {
        double need = heapNeededGb(g);
        if (need * 1e9 > Runtime.getRuntime().maxMemory()) {
            throw new MemoryException(String.format(Locale.ROOT, "The study needs about %.1f GB of memory (%d slices of %dx%d "
                    + "at two energies); this JVM may use %.1f GB. %s", need, g.slices(), g.columns(), g.rows(),
                    MemoryException.maxHeapGb(), MemoryException.howToGiveMore(need + 0.5)));
        }
    }

    private static void checkSameGrid(SliceStack low, SliceStack high) {
        VolumeGeometry a = low.geometry();
        VolumeGeometry b = high.geometry();
        if (a.slices() != b.slices()) {
            throw new InputException("The two energies have different slice counts: " + a.slices() + " in low "
                    + low.series().describe() + ", " + b.slices() + " in high " + high.series().describe()
                    + ". Reconstruct both over the same range.");
        }
        if (Math.abs(a.sliceSpacing() - b.sliceSpacing()) > POSITION_TOLERANCE * a.sliceSpacing()) {
            throw new InputException(String.format(Locale.ROOT, "Slice spacing differs between energies: %.3f mm (low) vs %.3f mm (high).",
                    a.sliceSpacing(), b.sliceSpacing()));
        }
        double[] normal = a.normal();
        double pixel = Math.min(a.rowSpacing(), a.columnSpacing());
        for (int z = 0; z < a.slices(); z++) {
            double[] d = SliceStack.minus(b.slicePositions()[z], a.slicePositions()[z]);
            double along = Math.abs(VolumeGeometry.dot(d, normal));
            double sideways = Math.sqrt(Math.max(0, VolumeGeometry.dot(d, d) - along * along));
            if (along > POSITION_TOLERANCE * a.sliceSpacing() || sideways > POSITION_TOLERANCE * pixel) {
                throw new InputException(String.format(Locale.ROOT,
                        "Slice %d lies at different positions in the two energies (%.3f mm apart along the normal, %.3f mm sideways): "
                                + "%s vs %s. Both energies must be reconstructed on the same grid.",
                        z + 1, along, sideways, low.sorted().get(z).describe(), high.sorted().get(z).describe()));
            }
        }
    }

    private static String describe(List<Path> inputs) {
        return inputs.size() == 1 ? inputs.get(0).toString() : inputs.toString();
    }
}
