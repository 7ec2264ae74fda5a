package dev.portico.control;

import dev.portico.core.domain.DomainName;
import java.util.Objects;

/**
 * A registration failed after its record was created, because a later step of it could not be done (archiving it,
 * queueing its certificate), so it was not acknowledged. Normally the record was withdrawn again and the whole
 * registration can simply be retried ({@link #isWithdrawn()}); if the store failed during the withdrawal too, the
 * message says to remove the domain and register it again. The subclass says which step failed; its cause names
 * internal endpoints: log it, do not show it to clients. The message is safe to show.
 */
public abstract class RegistrationNotKeptException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final boolean withdrawn;

    /**
     * @param whatFailed what the withdrawn case says failed, e.g. "its record could not be stored durably"
     * @param howFailed  what the kept case says of the domain, e.g. "could not be stored durably"
     */
    RegistrationNotKeptException(String code, DomainName domain, boolean withdrawn, String whatFailed,
            String howFailed, Throwable cause) {
        super(code, withdrawn
                ? domain.ascii() + " was not registered: " + whatFailed + ", so nothing was kept; retry the"
                        + " registration in a few seconds"
                : domain.ascii() + " " + howFailed + " and the registration could not be withdrawn either; remove the"
                        + " domain (DELETE /domains/" + domain.ascii() + ") and register it again", cause);
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
