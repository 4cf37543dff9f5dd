package org.dect.dicom.write;

/**
 * Every code dect writes, with its source: segment category and types from CID 7150 / CID 300
 * ("Multi-energy Relevant Material", physics.md) and CID 7159, the algorithm family from CID 7162,
 * purposes of reference from DCM.
 */
public final class Codes {

    private Codes() { }

    public static final Code SUBSTANCE = new Code("105590001", "SCT", "Substance");
    public static final Code URIC_ACID = new Code("1710001", "SCT", "Uric acid");
    public static final Code CALCIUM = new Code("5540006", "SCT", "Calcium");
    public static final Code CALCIUM_HYDROXYAPATITE = new Code("256579008", "SCT", "Calcium Hydroxyapatite");
    /** CID 7150 and 7159: a deposit the noise leaves between urate and calcium is a lesion, of no known substance. */
    public static final Code MORPHOLOGICALLY_ABNORMAL_STRUCTURE = new Code("49755003", "SCT", "Morphologically Abnormal Structure");
    public static final Code LESION = new Code("52988006", "SCT", "Lesion");
    /** CID 7162: dual-energy decomposition works on several spectra at once. */
    public static final Code MULTISPECTRAL_PROCESSING = new Code("123108", "DCM", "Multispectral Processing");
    public static final Code SEGMENTATION = new Code("113076", "DCM", "Segmentation");
    /** UCUM units of the material maps. */
    public static final Code PERCENT = new Code("%", "UCUM", "percent");
    public static final Code MG_PER_CM3 = new Code("mg/cm3", "UCUM", "milligram per cubic centimeter");
    public static final Code SOURCE_IMAGE = new Code("121322", "DCM", "Source image for image processing operation");
}
