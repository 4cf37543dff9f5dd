package org.dect.testdata;

/**
 * Patient and study attributes shared by every series written into one study, and the frame of
 * reference they share. Dates are DICOM DA (yyyyMMdd), times TM (HHmmss).
 */
public record StudyInfo(String patientName, String patientId, String studyUid, String studyDate, String studyTime,
                        String studyId, String accessionNumber, String frameOfReferenceUid) { }
