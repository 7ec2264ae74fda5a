package dev.portico.control.issuance;

import dev.portico.acme.AcmeAccount;
import dev.portico.acme.AcmeException;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.store.StoreException;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts how often issuance reached for the ACME account: zero means the CA was never contacted. */
final class CountingAccounts implements AccountProvider {
    private final AccountProvider delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingAccounts(AccountProvider delegate) {
        this.delegate = delegate;
    }

    int calls() {
        return calls.get();
    }

    @Override
    public AcmeAccount account() throws AcmeException, StoreException, KeyEnvelopeException {
        calls.incrementAndGet();
        return delegate.account();
    }

    @Override
    public void forget() {
        delegate.forget();
    }
}
