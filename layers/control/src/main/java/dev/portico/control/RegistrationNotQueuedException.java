package dev.portico.control;

import dev.portico.core.domain.DomainName;
import dev.portico.core.issuance.QueueException;

/**
 * A registration could not queue its first certificate request. If the withdrawal failed too, the record stayed
 * without queued work, and a retry would only confirm it. The cause holds the queue's own error.
 */
public class RegistrationNotQueuedException extends RegistrationNotKeptException {
    private static final long serialVersionUID = 1L;

    RegistrationNotQueuedException(DomainName domain, boolean withdrawn, QueueException cause) {
        super("queue_unavailable", domain, withdrawn, "its certificate request could not be queued",
                "could not be queued for its certificate", cause);
    }
}
