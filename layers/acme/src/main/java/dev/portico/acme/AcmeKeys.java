package dev.portico.acme;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Key pairs for ACME accounts and certificates, and their storable form.
 *
 * <p>A key pair leaves this module only as PKCS#8 bytes of its private key, which the caller seals with the core's
 * {@code KeyEnvelope}; the public half is derived again on load, so nothing but the sealed secret needs storing.
 */
public final class AcmeKeys {
    private static final String CURVE = "secp256r1";

    static {
        registerProvider();
    }

    private AcmeKeys() {
    }

    /**
     * Adds BouncyCastle as the last security provider when missing. acme4j asks for the "BC" provider by name when it
     * makes keys and CSRs; adding it last keeps the JDK's providers first for everything else (TLS in particular).
     */
    static void registerProvider() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    /** A fresh ECDSA P-256 key pair: what Portico uses for accounts and certificates. */
    public static KeyPair generateEcP256() {
        return KeyPairUtils.createECKeyPair(CURVE);
    }

    /** The private key as DER PKCS#8, to be sealed by the caller; the public key is recomputed on load. */
    public static byte[] toPkcs8(KeyPair keyPair) {
        PrivateKey key = keyPair.getPrivate();
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key does not encode as PKCS#8 but " + key.getFormat());
        }
        return key.getEncoded();
    }

    /** Loads an EC or RSA key pair from PKCS#8 bytes written by {@link #toPkcs8(KeyPair)} or any other tool. */
    public static KeyPair fromPkcs8(byte[] pkcs8) throws AcmeConfigurationException {
        try {
            try {
                return ecKeyPair(pkcs8);
            } catch (GeneralSecurityException | ClassCastException notEc) {
                return rsaKeyPair(pkcs8);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new AcmeConfigurationException("key is neither an EC nor an RSA PKCS#8 private key: "
                    + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeyPair(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC", BouncyCastleProvider.PROVIDER_NAME);
        ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        ECParameterSpec params = key.getParameters();
        PublicKey pub = factory.generatePublic(
                new ECPublicKeySpec(params.getG().multiply(key.getD()).normalize(), params));
        return new KeyPair(pub, key);
    }

    private static KeyPair rsaKeyPair(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        BigInteger exponent = key.getPublicExponent();
        return new KeyPair(factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), exponent)), key);
    }
}
