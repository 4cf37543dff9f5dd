package org.dect.lesion;

import org.dect.decompose.Labels;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.volume.VolumeGeometry;
import org.dect.volume.VoxelSet;

/**
 * The smallest urate deposit this scan could detect: the smallest sphere of urate at
 * {@link #REFERENCE_PERCENT} % w/w that the deposit test would keep, given the scan's noise, voxel size
 * and preset. The sphere's region is the one the test sums over, sphere and shell
 * ({@link DepositRegion}); its expected signal is the sphere's volume times the material's contrast,
 * since partial-volume shares add up to the volume. What is smaller than this may be in the scan
 * and not be found; a report without urate says so, rather than a bare zero.
 *
 * @param percent    concentration of the reference deposit, % w/w
 * @param volumeMl   its volume (NaN when the noise is unknown)
 * @param diameterMm its diameter
 */
public record DetectionLimit(double percent, double volumeMl, double diameterMm) {

    /** The faintest tophus of interest: phantom studies detect 12.5–15 % w/w (physics.md). */
    public static final double REFERENCE_PERCENT = 15;
    public static final DetectionLimit UNKNOWN = new DetectionLimit(REFERENCE_PERCENT, Double.NaN, Double.NaN);
    /** Radius beyond which the limit is not sought: a scan that cannot show a deposit 16 mm across shows none (infinite limit). */
    static final double MAX_RADIUS_MM = 8;

    public static DetectionLimit of(NoiseModel noise, Preset preset, VolumeGeometry g, double detectionZ, double materialZ) {
        if (noise == null) {
            return UNKNOWN;
        }
        double lo = 0.05;
        double hi = MAX_RADIUS_MM;
        if (!passes(hi, noise, preset, g, detectionZ, materialZ)) {
            return new DetectionLimit(REFERENCE_PERCENT, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < 16; i++) { // radius to within 0.2 µm
            double mid = (lo + hi) / 2;
            if (passes(mid, noise, preset, g, detectionZ, materialZ)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new DetectionLimit(REFERENCE_PERCENT, 4.0 / 3.0 * Math.PI * hi * hi * hi / 1000, 2 * hi);
    }

    private static boolean passes(double radiusMm, NoiseModel noise, Preset preset, VolumeGeometry g, double detectionZ, double materialZ) {
        VoxelSet region = sphereWithShell(radiusMm, g);
        // The deposit's voxels weigh 1, the shell's as in a measured deposit; the signal is the sphere's.
        double[] weight = new double[region.size()];
        int cx = (int) Math.ceil((radiusMm + DepositRegion.SHELL_XY * g.columnSpacing()) / g.columnSpacing());
        int cy = (int) Math.ceil((radiusMm + DepositRegion.SHELL_XY * g.rowSpacing()) / g.rowSpacing());
        int cz = (int) Math.ceil((radiusMm + g.sliceSpacing()) / g.sliceSpacing());
        for (int i = 0; i < region.size(); i++) {
            double dx = (region.x(i) - cx) * g.columnSpacing();
            double dy = (region.y(i) - cy) * g.rowSpacing();
            double dz = (region.z(i) - cz) * g.sliceSpacing();
            weight[i] = dx * dx + dy * dy + dz * dz <= radiusMm * radiusMm ? 1 : DepositRegion.SHELL_WEIGHT;
        }
        double voxels = 4.0 / 3.0 * Math.PI * radiusMm * radiusMm * radiusMm / g.voxelVolumeMm3();
        double[] contrast = {REFERENCE_PERCENT * preset.urateHuPerPercent()[0], REFERENCE_PERCENT * preset.urateHuPerPercent()[1]};
        double[] excess = {voxels * contrast[0], voxels * contrast[1]};
        DepositStatistics s = DepositStatistics.tests(NoiseModel.PairSums.of(region, weight), excess, Labels.URATE, preset, noise);
        return s.detectionZ() >= detectionZ && s.materialZ() >= materialZ;
    }

    /**
     * The voxels within the sphere's radius plus the shell's reach of its centre, on the scan's grid,
     * the centre at voxel (⌈rx/Δx⌉, ⌈ry/Δy⌉, ⌈rz/Δz⌉) of the set.
     */
    private static VoxelSet sphereWithShell(double r, VolumeGeometry g) {
        double rx = r + DepositRegion.SHELL_XY * g.columnSpacing();
        double ry = r + DepositRegion.SHELL_XY * g.rowSpacing();
        double rz = r + g.sliceSpacing();
        int nx = (int) Math.ceil(rx / g.columnSpacing());
        int ny = (int) Math.ceil(ry / g.rowSpacing());
        int nz = (int) Math.ceil(rz / g.sliceSpacing());
        VoxelSet.Builder b = new VoxelSet.Builder();
        for (int z = -nz; z <= nz; z++) {
            for (int y = -ny; y <= ny; y++) {
                for (int x = -nx; x <= nx; x++) {
                    double ux = x * g.columnSpacing() / rx;
                    double uy = y * g.rowSpacing() / ry;
                    double uz = z * g.sliceSpacing() / rz;
                    if (ux * ux + uy * uy + uz * uz <= 1) {
                        b.add(x + nx, y + ny, z + nz);
                    }
                }
            }
        }
        return b.build();
    }
}
