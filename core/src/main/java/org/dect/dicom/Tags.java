package org.dect.dicom;

import com.pixelmed.dicom.AttributeTag;

/** Tags PixelMed's TagFromName lacks or spells differently (PS3.6). */
final class Tags {

    private Tags() { }

    static final AttributeTag KVP = new AttributeTag(0x0018, 0x0060);
    static final AttributeTag FILTER_TYPE = new AttributeTag(0x0018, 0x1160);
    static final AttributeTag FILTER_MATERIAL = new AttributeTag(0x0018, 0x7050);

    // Functional group macros (PS3.3 C.7.6.16.2, C.8.15.3).
    static final AttributeTag PLANE_POSITION_SEQUENCE = new AttributeTag(0x0020, 0x9113);
    static final AttributeTag PLANE_ORIENTATION_SEQUENCE = new AttributeTag(0x0020, 0x9116);
    static final AttributeTag PIXEL_MEASURES_SEQUENCE = new AttributeTag(0x0028, 0x9110);
    static final AttributeTag PIXEL_VALUE_TRANSFORMATION_SEQUENCE = new AttributeTag(0x0028, 0x9145);
    static final AttributeTag CT_XRAY_DETAILS_SEQUENCE = new AttributeTag(0x0018, 0x9325);
    static final AttributeTag CT_RECONSTRUCTION_SEQUENCE = new AttributeTag(0x0018, 0x9314);
    // Where Legacy Converted Enhanced images keep attributes without a macro of their own (PS3.3 C.7.6.16.2.25).
    static final AttributeTag UNASSIGNED_SHARED_CONVERTED_SEQUENCE = new AttributeTag(0x0020, 0x9170);
    static final AttributeTag UNASSIGNED_PER_FRAME_CONVERTED_SEQUENCE = new AttributeTag(0x0020, 0x9171);
}
