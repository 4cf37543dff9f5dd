package org.dect.decompose;

import java.util.Locale;

/** The decomposition methods; see the kernels for the maths of each. */
public enum Method {
    /** {@link RatioRuleKernel}: the clinical workstations' rule, for comparison. */
    RATIO("ratio"),
    /** {@link TwoMaterialKernel}: urate and HA amounts by a 2×2 inverse, classified in physical units. */
    TWO_MATERIAL("two-material"),
    /** {@link ThreeMaterialKernel}: urate, HA and soft tissue with volume conservation. */
    THREE_MATERIAL("three-material");

    public final String label;

    Method(String label) {
        this.label = label;
    }

    public static Method parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Method m : values()) {
            if (m.label.equals(t) || m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + text + "'; known: ratio, two-material, three-material");
    }
}
