package org.dect.dicom.net;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.DataWriterAdapter;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.DimseRSP;
import org.dcm4che3.net.IncompatibleConnectionException;
import org.dcm4che3.net.Priority;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.pdu.AAssociateRQ;
import org.dcm4che3.net.pdu.PresentationContext;

/**
 * Sends DICOM files to one Storage SCP over one association (a C-STORE SCU). Each file goes in its own
 * transfer syntax when the destination accepts it; an uncompressed file may also go as Implicit VR
 * Little Endian, which every SCP accepts.
 */
public final class DicomSender {

    /** The destination refused an instance, or could not be reached. */
    public static final class SendException extends IOException {
        private final boolean refused;

        SendException(String message, Throwable cause) {
            this(message, cause, false);
        }

        SendException(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        /**
         * Whether the destination answered and refused (a failure status, or no presentation context for
         * the object), rather than being out of reach: sending the same again will not help.
         */
        public boolean refused() {
            return refused;
        }
    }

    /** Called after each instance the destination acknowledged. */
    @FunctionalInterface
    public interface Acknowledged {
        void sent(Path file, String sopInstanceUid) throws IOException;
    }

    private static final Set<String> UNCOMPRESSED = Set.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian, UID.ExplicitVRBigEndian);

    private final String callingAet;

    public DicomSender(String callingAet) {
        this.callingAet = callingAet;
    }

    /** Sends {@code files} in order to {@code aet} at host:port, calling {@code acknowledged} after each; stops at the first failure. */
    public void send(List<Path> files, String aet, String host, int port, Acknowledged acknowledged) throws SendException {
        if (files.isEmpty()) {
            return;
        }
        String where = aet + "@" + host + ":" + port;
        Map<Path, Attributes> metas = new LinkedHashMap<>(); // the data sets are read one at a time, as they are sent
        AAssociateRQ rq = new AAssociateRQ();
        rq.setCalledAET(aet);
        rq.setCallingAET(callingAet);
        Set<String> contexts = new LinkedHashSet<>();
        try {
            for (Path f : files) {
                Attributes fmi = meta(f);
                metas.put(f, fmi);
                String cuid = fmi.getString(Tag.MediaStorageSOPClassUID);
                String ts = fmi.getString(Tag.TransferSyntaxUID);
                if (contexts.add(cuid + "|" + ts)) {
                    rq.addPresentationContext(new PresentationContext(2 * contexts.size() - 1, cuid, ts));
                }
                if (UNCOMPRESSED.contains(ts) && contexts.add(cuid + "|" + UID.ImplicitVRLittleEndian)) {
                    rq.addPresentationContext(new PresentationContext(2 * contexts.size() - 1, cuid, UID.ImplicitVRLittleEndian));
                }
            }
        } catch (IOException e) {
            throw new SendException("cannot read " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Device device = new Device("dect-sender");
        Connection local = new Connection();
        local.setConnectTimeout(10_000);
        local.setResponseTimeout(60_000);
        ApplicationEntity ae = new ApplicationEntity(callingAet);
        ae.addConnection(local);
        device.addConnection(local);
        device.addApplicationEntity(ae);
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);
        Connection remote = new Connection(null, host, port);
        Association as = null;
        try {
            as = ae.connect(local, remote, rq);
            for (Map.Entry<Path, Attributes> e : metas.entrySet()) {
                Attributes fmi = e.getValue();
                String cuid = fmi.getString(Tag.MediaStorageSOPClassUID);
                String iuid = fmi.getString(Tag.MediaStorageSOPInstanceUID);
                String ts = fmi.getString(Tag.TransferSyntaxUID);
                Set<String> accepted = as.getTransferSyntaxesFor(cuid);
                String use = accepted.contains(ts) ? ts : UNCOMPRESSED.contains(ts) && accepted.contains(UID.ImplicitVRLittleEndian)
                        ? UID.ImplicitVRLittleEndian : null;
                if (use == null) {
                    throw new SendException(where + " accepts no transfer syntax of " + e.getKey().getFileName() + " (" + ts + ")", null, true);
                }
                DimseRSP rsp = as.cstore(cuid, iuid, Priority.NORMAL, new DataWriterAdapter(dataset(e.getKey())), use);
                rsp.next();
                int status = rsp.getCommand().getInt(Tag.Status, -1);
                if (status != Status.Success && (status & 0xF000) != 0xB000) {
                    // A0xx (out of resources) and C0xx (cannot process) may pass; A9xx (data set does not match) and others will not.
                    boolean lasting = (status & 0xFF00) != 0xA700 && (status & 0xF000) != 0xC000;
                    throw new SendException(where + " refused " + e.getKey().getFileName() + ": status " + String.format("%04X", status)
                            + " " + rsp.getCommand().getString(Tag.ErrorComment, ""), null, lasting);
                }
                acknowledged.sent(e.getKey(), iuid);
            }
            as.release();
            as.waitForSocketClose();
        } catch (SendException e) {
            abort(as);
            throw e;
        } catch (IOException | IncompatibleConnectionException | GeneralSecurityException e) {
            abort(as);
            throw new SendException("cannot send to " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            abort(as);
            Thread.currentThread().interrupt();
            throw new SendException("interrupted while sending to " + where, e);
        } finally {
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static Attributes meta(Path f) throws IOException {
        try (DicomInputStream in = new DicomInputStream(f.toFile())) {
            Attributes fmi = in.readFileMetaInformation();
            if (fmi == null || fmi.getString(Tag.MediaStorageSOPInstanceUID) == null || fmi.getString(Tag.TransferSyntaxUID) == null) {
                throw new IOException(f + ": no DICOM file meta information");
            }
            return fmi;
        }
    }

    private static Attributes dataset(Path f) throws IOException {
        try (DicomInputStream in = new DicomInputStream(f.toFile())) {
            in.readFileMetaInformation();
            return in.readDataset();
        }
    }

    private static void abort(Association as) {
        if (as != null && as.isReadyForDataTransfer()) {
            as.abort();
        }
    }
}
