package dev.portico.control;

import dev.portico.core.domain.DomainName;
import dev.portico.core.issuance.QueueException;
import java.util.Objects;

/**
 * A registration could not queue its first certificate request. Normally the record was withdrawn again and the
 * whole registration can simply be retried ({@link #isWithdrawn()}). If the store failed during the withdrawal as
 * well, the record stayed without queued work; a retry would only confirm it, so the message says to remove the
 * domain and register it again. The cause holds the queue's own error, which names internal endpoints: log it,
 * do not show it to clients; this message is safe to show.
 */
public class RegistrationNotQueuedException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final boolean withdrawn;

    RegistrationNotQueuedException(DomainName domain, boolean withdrawn, QueueException cause) {
        super("queue_unavailable", withdrawn
                ? domain.ascii() + " was not registered: its certificate request could not be queued, so nothing was"
                        + " kept; retry the registration in a few seconds"
                : domain.ascii() + " could not be queued for its certificate and the registration could not be"
                        + " withdrawn either; remove the domain (DELETE /domains/" + domain.ascii()
                        + ") and register it again", cause);
        this.domain = Objects.requireNonNull(domain, "domain");
        this.withdrawn = withdrawn;
    }

    public DomainName getDomain() {
        return domain;
    }

    /** True when nothing of the registration was kept, so retrying it is enough. */
    public boolean isWithdrawn() {
        return withdrawn;
    }

    @Override
    public String getField() {
        return null;
    }
}
