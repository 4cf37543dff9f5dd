package org.dect.dicom.net;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomOutputStream;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Association;
import org.dcm4che3.net.AssociationHandler;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.PDVInputStream;
import org.dcm4che3.net.Status;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.pdu.AAssociateAC;
import org.dcm4che3.net.pdu.AAssociateRJ;
import org.dcm4che3.net.pdu.AAssociateRQ;
import org.dcm4che3.net.pdu.PresentationContext;
import org.dcm4che3.net.service.BasicCEchoSCP;
import org.dcm4che3.net.service.BasicCStoreSCP;
import org.dcm4che3.net.service.DicomServiceException;
import org.dcm4che3.net.service.DicomServiceRegistry;

import org.dect.OutputException;
import org.dect.dicom.read.Codecs;

/**
 * The node's DICOM side: a Verification SCP and a Storage SCP for CT images (classic, Enhanced, Legacy
 * Converted Enhanced) in every transfer syntax the reader decodes; other SOP classes are refused in
 * negotiation (their presentation contexts are rejected). An instance is acknowledged only once it is
 * on disk: it is written to a temporary file, forced, and handed to the {@link InstanceSink}, which
 * moves it into its study and forces that too, before the C-STORE response goes out.
 */
public final class StorageReceiver implements AutoCloseable {

    static final String[] SOP_CLASSES = {UID.CTImageStorage, UID.EnhancedCTImageStorage, UID.LegacyConvertedEnhancedCTImageStorage};

    /** A UID as PS3.5 9.1 has it, and so a safe file name. */
    private static final Pattern UID_SYNTAX = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private static final String RECEIVED = "dect.received";

    private final Device device = new Device("dect");
    private final Connection connection = new Connection();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> daemon(r, "dicom-association"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dicom-timer"));
    private final AtomicLong instances = new AtomicLong();

    /**
     * @param aet    the node's AE title
     * @param host   the address to listen on (null: every interface)
     * @param tls    null for plain TCP
     * @param log    one line per association and per refusal
     */
    public StorageReceiver(String aet, String host, int port, TlsSettings tls, CallerPolicy callers, InstanceSink sink,
                           Consumer<String> log) {
        connection.setPort(port);
        if (host != null) {
            connection.setHostname(host);
            connection.setBindAddress(host);
        }
        connection.setReceivePDULength(Connection.DEF_MAX_PDU_LENGTH);
        connection.setMaxOpsPerformed(0);
        connection.setIdleTimeout(120_000); // a sender that stalls mid-study does not hold a thread for ever
        if (tls != null) {
            tls.apply(device, connection);
        }
        ApplicationEntity ae = new ApplicationEntity(aet);
        ae.setAssociationAcceptor(true);
        ae.addConnection(connection);
        device.addConnection(connection);
        device.addApplicationEntity(ae);
        ae.addTransferCapability(new TransferCapability(null, UID.Verification, TransferCapability.Role.SCP, UID.ImplicitVRLittleEndian,
                UID.ExplicitVRLittleEndian));
        for (String sopClass : SOP_CLASSES) {
            ae.addTransferCapability(new TransferCapability(null, sopClass, TransferCapability.Role.SCP,
                    Codecs.transferSyntaxes().toArray(new String[0])));
        }
        DicomServiceRegistry services = new DicomServiceRegistry();
        services.addDicomService(new BasicCEchoSCP());
        services.addDicomService(new Store(sink));
        device.setDimseRQHandler(services);
        device.setAssociationHandler(new Handler(callers, log));
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);
    }

    /** Starts listening; a port in use or a bad TLS setting is an error naming it. */
    public void start() {
        try {
            device.bindConnections();
        } catch (IOException | GeneralSecurityException e) {
            throw new OutputException("Cannot listen on port " + connection.getPort() + ": " + e.getMessage()
                    + ". Is another node or PACS using it? Give another --port.", e);
        }
    }

    /** The port listened on (for a port of 0, the one the system chose). */
    public int port() {
        return connection.getPort();
    }

    /** Instances stored since start. */
    public long instances() {
        return instances.get();
    }

    /** Stops accepting associations; those open may finish what they are sending. */
    public void stopListening() {
        device.unbindConnections();
    }

    @Override
    public void close() {
        device.unbindConnections();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The allow list, applied when an association is requested, and a log line per association. */
    private static final class Handler extends AssociationHandler {
        private final CallerPolicy callers;
        private final Consumer<String> log;

        Handler(CallerPolicy callers, Consumer<String> log) {
            this.callers = callers;
            this.log = log;
        }

        @Override
        protected AAssociateAC negotiate(Association as, AAssociateRQ rq) throws IOException {
            InetAddress host = as.getSocket().getInetAddress();
            String refusal = callers.refusal(rq.getCallingAET(), host);
            if (refusal != null) {
                log.accept("association from " + rq.getCallingAET() + "@" + host.getHostAddress() + " refused: " + refusal);
                throw new AAssociateRJ(AAssociateRJ.RESULT_REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER,
                        AAssociateRJ.REASON_CALLING_AET_NOT_RECOGNIZED);
            }
            as.setProperty(RECEIVED, new AtomicLong());
            return super.negotiate(as, rq);
        }

        @Override
        protected void onClose(Association as) {
            super.onClose(as);
            Object received = as.getProperty(RECEIVED);
            if (received != null) {
                log.accept("association from " + as.getCallingAET() + "@" + as.getSocket().getInetAddress().getHostAddress()
                        + " closed: " + received + " instances stored");
            }
        }
    }

    private final class Store extends BasicCStoreSCP {
        private final InstanceSink sink;

        Store(InstanceSink sink) {
            super(SOP_CLASSES);
            this.sink = sink;
        }

        @Override
        protected void store(Association as, PresentationContext pc, Attributes rq, PDVInputStream data, Attributes rsp)
                throws IOException {
            String sopClass = rq.getString(Tag.AffectedSOPClassUID);
            String sopInstance = rq.getString(Tag.AffectedSOPInstanceUID);
            String ts = pc.getTransferSyntax();
            Attributes dataset = data.readDataset(ts);
            String study = dataset.getString(Tag.StudyInstanceUID);
            if (sopInstance == null || !UID_SYNTAX.matcher(sopInstance).matches() || study == null || !UID_SYNTAX.matcher(study).matches()) {
                throw new DicomServiceException(Status.DataSetDoesNotMatchSOPClassError,
                        "the instance needs a valid SOP Instance UID and Study Instance UID");
            }
            Path file = null;
            try {
                file = sink.newTemporaryFile();
                try (FileOutputStream fos = new FileOutputStream(file.toFile());
                     DicomOutputStream out = new DicomOutputStream(new BufferedOutputStream(fos, 1 << 16), UID.ExplicitVRLittleEndian)) {
                    out.writeDataset(as.createFileMetaInformation(sopInstance, sopClass, ts), dataset);
                    out.flush();
                    fos.getFD().sync(); // on disk before the response says it is stored
                }
                sink.accept(file, study, sopInstance);
            } catch (IOException e) {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                throw new DicomServiceException(Status.OutOfResources, "cannot store the instance: " + e.getMessage());
            }
            instances.incrementAndGet();
            ((AtomicLong) as.getProperty(RECEIVED)).incrementAndGet();
        }
    }
}
