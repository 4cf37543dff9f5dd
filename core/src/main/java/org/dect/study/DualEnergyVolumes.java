package org.dect.study;

import org.dect.volume.HuVolume;

/** The two energies of a pair as HU volumes on one grid: voxel i of {@code low} and of {@code high} coincide. */
public record DualEnergyVolumes(EnergyPair pair, HuVolume low, HuVolume high) { }
