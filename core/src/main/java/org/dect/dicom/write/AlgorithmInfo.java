package org.dect.dicom.write;

/** What made a segmentation: written to the Segmentation Algorithm Identification Sequence. */
public record AlgorithmInfo(String name, String version, String parameters) { }
