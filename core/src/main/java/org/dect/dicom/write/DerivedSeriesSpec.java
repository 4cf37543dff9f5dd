package org.dect.dicom.write;

/**
 * What every derived series dect writes says about itself.
 *
 * @param seriesNumber          a number of its own, so that viewers list it apart from the source
 * @param description           Series Description, e.g. "DECT urate/calcium (three-material, 80/Sn150)"
 * @param derivationDescription how it was made: method, preset, key parameters
 * @param softwareVersion       dect's version, for Software Versions
 * @param uids                  where its UIDs come from
 */
public record DerivedSeriesSpec(int seriesNumber, String description, String derivationDescription, String softwareVersion,
                                UidSource uids) {

    public DerivedSeriesSpec(int seriesNumber, String description, String derivationDescription, String softwareVersion) {
        this(seriesNumber, description, derivationDescription, softwareVersion, UidSource.RANDOM);
    }
}
