package org.dect.render;

/**
 * The colours of the outputs, in one place: urate green as in syngo.via "Gout", calcium purple, bone a
 * quieter blue-violet (it is calcium too, but anatomy), and amber for a deposit the noise leaves
 * between urate and calcium: neither colour, so that it is looked at rather than read as either. {@link #cieLab} gives the DICOM Recommended
 * Display CIELab Value of a colour, so SEG segments show in the same colours as the fused images.
 */
public final class Colours {

    private Colours() { }

    public static final int[] URATE = {0, 230, 0};
    public static final int[] CALCIUM = {170, 60, 255};
    public static final int[] BONE = {110, 110, 230};
    public static final int[] INDETERMINATE = {255, 176, 0};

    /**
     * sRGB (0–255) to DICOM scaled CIELab (PS3.3 C.10.7.1.1): L* 0..100 → 0..65535, a* and b*
     * −128..127 → 0..65535, through linear RGB, CIE XYZ and the D65 white point.
     */
    public static int[] cieLab(int[] rgb) {
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = rgb[i] / 255.0;
            lin[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        double x = (0.4124564 * lin[0] + 0.3575761 * lin[1] + 0.1804375 * lin[2]) / 0.95047;
        double y = 0.2126729 * lin[0] + 0.7151522 * lin[1] + 0.0721750 * lin[2];
        double z = (0.0193339 * lin[0] + 0.1191920 * lin[1] + 0.9503041 * lin[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        double l = 116 * fy - 16;
        double a = 500 * (fx - fy);
        double b = 200 * (fy - fz);
        return new int[] {scale(l / 100.0), scale((a + 128) / 255.0), scale((b + 128) / 255.0)};
    }

    private static double f(double t) {
        double delta = 6.0 / 29;
        return t > delta * delta * delta ? Math.cbrt(t) : t / (3 * delta * delta) + 4.0 / 29;
    }

    private static int scale(double unit) {
        return (int) Math.round(Math.max(0, Math.min(1, unit)) * 65535);
    }
}
