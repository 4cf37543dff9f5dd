package org.dect.study;

import java.util.List;

/** The chosen low- and high-kVp series, and notes on what was ignored and why. */
public record EnergyPair(SeriesInfo low, SeriesInfo high, List<String> notes) { }
