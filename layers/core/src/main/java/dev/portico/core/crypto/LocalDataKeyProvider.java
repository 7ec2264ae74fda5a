package dev.portico.core.crypto;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Data keys wrapped with AES-256-GCM under a master key kept in a local file: the stand-in for KMS on one machine.
 * The file holds 32 random bytes, is created on first use with owner-only permissions, and must be kept with the
 * data: without it, stored keys cannot be opened.
 */
public final class LocalDataKeyProvider implements DataKeyProvider {
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final byte[] AAD = "portico-local-data-key-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SecretKeySpec masterKey;
    private final SecureRandom random = new SecureRandom();

    private LocalDataKeyProvider(byte[] master) {
        this.masterKey = new SecretKeySpec(master, "AES");
    }

    /** Uses the key in {@code file}, creating it (mode 0600) when it does not exist. */
    public static LocalDataKeyProvider fromFile(Path file) throws KeyEnvelopeException {
        try {
            if (!Files.exists(file)) {
                createKeyFile(file);
            }
            byte[] master = Files.readAllBytes(file);
            if (master.length != KEY_BYTES) {
                throw new KeyEnvelopeException("master key file " + file + " holds " + master.length
                        + " bytes, expected " + KEY_BYTES + "; restore it from backup or remove it only if no keys were sealed with it");
            }
            return new LocalDataKeyProvider(master);
        } catch (IOException e) {
            throw new KeyEnvelopeException("cannot read master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        byte[] master = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(master);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, master, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        }
    }

    @Override
    public DataKey generate() throws KeyEnvelopeException {
        byte[] plain = new byte[KEY_BYTES];
        random.nextBytes(plain);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv).doFinal(plain);
            byte[] wrapped = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, wrapped, 0, IV_BYTES);
            System.arraycopy(sealed, 0, wrapped, IV_BYTES, sealed.length);
            return new DataKey(plain, wrapped);
        } catch (GeneralSecurityException e) {
            throw new KeyEnvelopeException("cannot wrap data key: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws KeyEnvelopeException {
        if (wrappedKey.length <= IV_BYTES) {
            throw new KeyEnvelopeException("wrapped data key is truncated");
        }
        try {
            byte[] iv = java.util.Arrays.copyOf(wrappedKey, IV_BYTES);
            return cipher(Cipher.DECRYPT_MODE, iv).doFinal(wrappedKey, IV_BYTES, wrappedKey.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyEnvelopeException("data key was not wrapped by this master key (or was altered)", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, masterKey, new GCMParameterSpec(128, iv));
        cipher.updateAAD(AAD);
        return cipher;
    }
}
