package dev.portico.control.issuance;

import dev.portico.acme.AcmeAccount;
import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeKeys;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.store.AccountKeyStore;
import dev.portico.core.store.StoreException;
import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ACME account per CA directory for the whole deployment: its key is made once, stored sealed (bound to the
 * context {@code acme-account:<directory>}, so it can never open as a certificate key) and reused by every instance;
 * the account itself is looked up once per process.
 */
public final class AccountKeys implements AccountProvider {
    private static final Logger LOG = LoggerFactory.getLogger(AccountKeys.class);

    private final AcmeClient client;
    private final AccountKeyStore store;
    private final KeyEnvelope envelope;
    private AcmeAccount cached;

    public AccountKeys(AcmeClient client, AccountKeyStore store, KeyEnvelope envelope) {
        this.client = Objects.requireNonNull(client, "client");
        this.store = Objects.requireNonNull(store, "store");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    /** The envelope context of the account key of {@code directory}. */
    public static String context(String directory) {
        return "acme-account:" + directory;
    }

    @Override
    public synchronized AcmeAccount account() throws AcmeException, StoreException, KeyEnvelopeException {
        if (cached == null) {
            cached = client.account(key()).agreeToTermsOfService().findOrCreate();
            LOG.info("ACME account {} at {}", cached.location(), client.settings().directory());
        }
        return cached;
    }

    @Override
    public synchronized void forget() {
        cached = null;
    }

    private KeyPair key() throws AcmeException, StoreException, KeyEnvelopeException {
        String directory = client.settings().directory().toString();
        Optional<SealedKey> stored = store.find(directory);
        if (stored.isEmpty()) {
            KeyPair fresh = AcmeKeys.generateEcP256();
            if (store.createIfAbsent(directory, envelope.seal(AcmeKeys.toPkcs8(fresh), context(directory)))) {
                LOG.info("made a new ACME account key for {}", directory);
                return fresh;
            }
            // Another instance stored its key first: use that one, so there is a single account.
            stored = store.find(directory);
            if (stored.isEmpty()) {
                throw new StoreException("the ACME account key of " + directory + " vanished right after another "
                        + "instance stored it; is something deleting acme:account keys?");
            }
        }
        return AcmeKeys.fromPkcs8(envelope.open(stored.get(), context(directory)));
    }
}
