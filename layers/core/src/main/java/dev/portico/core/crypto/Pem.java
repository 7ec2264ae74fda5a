package dev.portico.core.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text for certificate chains and PKCS#8 private keys, with the JDK's own parsers only. */
public final class Pem {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** Parses a chain, leaf first; fails when the text holds no certificate. */
    public static List<X509Certificate> parseChain(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (var cert : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            chain.add((X509Certificate) cert);
        }
        if (chain.isEmpty()) {
            throw new CertificateException("no certificate found in PEM text");
        }
        return chain;
    }

    public static String encodeChain(List<X509Certificate> chain) throws CertificateEncodingException {
        StringBuilder out = new StringBuilder();
        for (X509Certificate cert : chain) {
            out.append(block("CERTIFICATE", cert.getEncoded()));
        }
        return out.toString();
    }

    public static String encodePrivateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("expected a PKCS#8 key, got " + key.getFormat());
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Parses an unencrypted PKCS#8 EC or RSA key. */
    public static PrivateKey parsePrivateKey(String pem) throws GeneralSecurityException {
        Matcher m = PRIVATE_KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("no PKCS#8 'PRIVATE KEY' block found");
        }
        return decodePrivateKey(Base64.getMimeDecoder().decode(m.group(1)));
    }

    /** Decodes DER PKCS#8 bytes, trying EC first (what Portico issues), then RSA. */
    public static PrivateKey decodePrivateKey(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
