package org.dect.study;

import java.util.List;

import org.dect.dicom.read.SliceHeader;
import org.dect.volume.HuVolume;

/**
 * The two energies of a pair as HU volumes on one grid: voxel i of {@code low} and of {@code high}
 * coincide. {@code lowSlices} and {@code highSlices} are the source slices in volume order, for the
 * references that derived DICOM objects make to them.
 */
public record DualEnergyVolumes(EnergyPair pair, HuVolume low, HuVolume high, List<SliceHeader> lowSlices,
                                List<SliceHeader> highSlices) { }
