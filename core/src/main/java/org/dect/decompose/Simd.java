package org.dect.decompose;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Whether the kernels run on the JDK's SIMD API ({@link VectorKernels}), 3–12 times faster than the
 * scalar loops once compiled (BenchmarkKernels). They need two things the
 * command line does not have, so they are opt-in, for a program that embeds the library in a
 * long-running JVM:
 * <ul>
 *   <li>{@code --add-modules jdk.incubator.vector}: the API is incubating in JDK 17, and the JVM then
 *       prints a warning at start-up;</li>
 *   <li>the optimising JIT (C2). Until C2 has compiled a vector loop, each of its operations is an
 *       object: with the quick JIT alone, which {@code ./dect} uses, the loop runs over 70 times slower
 *       than the scalar one, and even with C2 a one-shot run of a few seconds is slower (README,
 *       "Performance").</li>
 * </ul>
 * This class names no vector type, so it loads without the module.
 */
public final class Simd {

    private Simd() { }

    private static final String MODULE = "jdk.incubator.vector";

    /** Fixed at class initialisation, so the JIT folds the kernels' test away. */
    static final boolean ENABLED = ModuleLayer.boot().findModule(MODULE).isPresent()
            && optimisingJit() && VectorKernels.fitsThisCpu();

    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for logs and {@code dect version}: which kernels run, and if scalar, why. */
    public static String describe() {
        if (ENABLED) {
            return "SIMD kernels: on (" + VectorKernels.bits() + "-bit vectors, " + MODULE + ")";
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "SIMD kernels: off (scalar; start java with --add-modules " + MODULE + " and the optimising JIT)";
        }
        return optimisingJit() ? "SIMD kernels: off (scalar; this CPU's vectors are narrower than 256 bits)"
                : "SIMD kernels: off (scalar; the optimising JIT is off, e.g. -XX:TieredStopAtLevel=1)";
    }

    private static boolean optimisingJit() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseCompiler").getValue())) {
                return false; // -Xint
            }
            boolean tiered = Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue());
            return !tiered || Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) >= 4;
        } catch (RuntimeException notHotSpot) {
            return true; // another JVM: no such options, and no way to turn its optimiser off by them
        }
    }
}
