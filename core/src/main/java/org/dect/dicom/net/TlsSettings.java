package org.dect.dicom.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.SSLManagerFactory;

import org.dect.InputException;

/**
 * DICOM over TLS (PS3.15 B.9, BCP 195) from PEM files as openssl writes them: the node's PKCS#8 private
 * key and its certificate chain, and optionally the certificates of the authorities whose callers it
 * accepts (then a caller must present a certificate: mutual TLS).
 *
 * @param key  PEM "PRIVATE KEY" (PKCS#8, unencrypted: `openssl genpkey` or `openssl req -nodes`)
 * @param cert PEM certificate(s), the node's first
 * @param ca   PEM certificate(s) of trusted authorities, or null to accept callers without a certificate
 */
public record TlsSettings(Path key, Path cert, Path ca) {

    /** BCP 195's suites for TLS 1.2 and those of TLS 1.3; the JDK enables whichever the peer shares. */
    static final String[] CIPHER_SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"};

    void apply(Device device, Connection connection) {
        try {
            char[] password = "dect".toCharArray(); // of an in-memory key store only
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            Certificate[] chain = certificates(cert).toArray(new Certificate[0]);
            if (chain.length == 0) {
                throw new InputException(cert + " holds no PEM certificate: give the node's certificate (BEGIN CERTIFICATE).");
            }
            store.setKeyEntry("dect", privateKey(key, chain[0]), password, chain);
            KeyManager km = SSLManagerFactory.createKeyManager(store, password);
            device.setKeyManager(km);
            if (ca != null) {
                TrustManager tm = SSLManagerFactory.createTrustManager(certificates(ca).toArray(new X509Certificate[0]));
                device.setTrustManager(tm);
            }
            connection.setTlsCipherSuites(CIPHER_SUITES);
            connection.setTlsProtocols("TLSv1.3", "TLSv1.2");
            connection.setTlsNeedClientAuth(ca != null);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InputException("Cannot use the TLS key " + key + " and certificate " + cert + ": " + e.getMessage()
                    + ". Give an unencrypted PKCS#8 PEM key (openssl genpkey) and its PEM certificate.", e);
        }
    }

    private static Collection<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            @SuppressWarnings("unchecked")
            Collection<X509Certificate> certs = (Collection<X509Certificate>) CertificateFactory.getInstance("X.509").generateCertificates(in);
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file, Certificate cert) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in it");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        // The key's algorithm is the certificate's (RSA or EC).
        return KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
