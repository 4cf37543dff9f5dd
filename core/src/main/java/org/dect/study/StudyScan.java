package org.dect.study;

import java.util.List;

import org.dect.dicom.read.DicomFolderScanner.ScanResult;

/** What a scan of the input found, grouped into series. */
public record StudyScan(ScanResult files, List<SeriesInfo> series) { }
