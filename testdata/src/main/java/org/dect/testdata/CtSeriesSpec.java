package org.dect.testdata;

/**
 * The series-level attributes of a simulated CT series.
 *
 * @param filterMaterial Filter Material, e.g. "TIN" for a tin-filtered tube; null to leave it out,
 *                       as many scanners do
 */
public record CtSeriesSpec(StudyInfo study, String seriesUid, int seriesNumber, String description,
                           double kvp, String filterMaterial, String kernel) { }
