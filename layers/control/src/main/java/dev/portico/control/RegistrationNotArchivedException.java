package dev.portico.control;

import dev.portico.core.archive.ArchiveException;
import dev.portico.core.domain.DomainName;
import java.util.Objects;

/**
 * A registration could not be written to the record archive (S3), so it was not acknowledged: a domain is only
 * registered once its record would survive the serving store losing its data. Normally the record was withdrawn
 * from the store again and the whole registration can simply be retried ({@link #isWithdrawn()}). If the store failed
 * during the withdrawal too, the record stayed there, unarchived and without a queued certificate; the message says
 * to remove the domain and register it again. The cause names the bucket: log it, do not show it to clients.
 */
public class RegistrationNotArchivedException extends DomainServiceException {
    private static final long serialVersionUID = 1L;

    private final DomainName domain;
    private final boolean withdrawn;

    RegistrationNotArchivedException(DomainName domain, boolean withdrawn, ArchiveException cause) {
        super("archive_unavailable", withdrawn
                ? domain.ascii() + " was not registered: its record could not be stored durably, so nothing was"
                        + " kept; retry the registration in a few seconds"
                : domain.ascii() + " could not be stored durably and the registration could not be withdrawn"
                        + " either; remove the domain (DELETE /domains/" + domain.ascii() + ") and register it again",
                cause);
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
