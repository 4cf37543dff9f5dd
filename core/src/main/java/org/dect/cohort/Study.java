package org.dect.cohort;

import java.nio.file.Path;

import org.dect.study.PairRequest;

/**
 * One study of a cohort.
 *
 * @param id        its name: the sub-folder's, or the manifest's "study"
 * @param path      the folder (or file) it is read from
 * @param pair      --low/--high as the manifest gives them (AUTOMATIC when it does not)
 * @param preset    the manifest's preset for this study, or null for the batch's
 * @param patient   the manifest's patient ("" when not given)
 * @param timepoint the manifest's timepoint ("" when not given)
 */
public record Study(String id, Path path, PairRequest pair, String preset, String patient, String timepoint) { }
