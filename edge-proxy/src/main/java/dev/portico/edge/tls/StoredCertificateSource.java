package dev.portico.edge.tls;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import dev.portico.edge.store.StoreSource;
import dev.portico.edge.store.UnusableValueException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Certificates from the {@link CertificateStore} (blocking: for {@link dev.portico.edge.store.StoreCache}), keys opened
 * with the same {@link KeyEnvelope} that sealed them and handed to BoringSSL here, off the event loop, once per load.
 */
public final class StoredCertificateSource implements StoreSource<ServedCertificate> {
    private final CertificateStore store;
    private final KeyEnvelope envelope;

    public StoredCertificateSource(CertificateStore store, KeyEnvelope envelope) {
        this.store = Objects.requireNonNull(store, "store");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public Optional<ServedCertificate> load(DomainName domain) throws StoreException, UnusableValueException {
        Optional<StoredCertificate> stored = store.find(domain);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(open(stored.get()));
    }

    private ServedCertificate open(StoredCertificate stored) throws UnusableValueException {
        DomainName domain = stored.domain();
        List<X509Certificate> chain;
        try {
            chain = Pem.parseChain(stored.chainPem());
        } catch (CertificateException e) {
            throw new UnusableValueException("stored chain of " + domain + " does not parse; re-issue it", e);
        }
        if (chain.isEmpty()) {
            throw new UnusableValueException("stored chain of " + domain + " is empty; re-issue it", null);
        }
        byte[] pkcs8 = null;
        try {
            pkcs8 = envelope.open(stored.key(), domain);
            PrivateKey key = Pem.decodePrivateKey(pkcs8);
            return ServedCertificate.open(domain.ascii(), chain.toArray(X509Certificate[]::new), key, stored.serial(),
                    stored.notAfter());
        } catch (KeyEnvelopeException e) {
            throw new UnusableValueException("key of " + domain + " does not open (" + e.getMessage()
                    + "); check the proxy's master key setting matches the issuer's", e);
        } catch (GeneralSecurityException e) {
            throw new UnusableValueException("key of " + domain + " is not a PKCS#8 key; re-issue it", e);
        } catch (IllegalStateException e) {
            throw new UnusableValueException("chain or key of " + domain + " refused by BoringSSL ("
                    + e.getMessage() + "); re-issue it", e);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }
}
