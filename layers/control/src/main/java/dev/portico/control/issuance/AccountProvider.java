package dev.portico.control.issuance;

import dev.portico.acme.AcmeAccount;
import dev.portico.acme.AcmeException;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.store.StoreException;

/** The ACME account issuance orders with; {@link AccountKeys} in production, a fixed account in some tests. */
public interface AccountProvider {
    AcmeAccount account() throws AcmeException, StoreException, KeyEnvelopeException;

    /** Drops what is cached, so the next {@link #account()} asks the store and the CA again. */
    default void forget() {
    }
}
