package dev.portico.control;

import dev.portico.core.archive.ArchiveException;
import dev.portico.core.domain.DomainName;

/**
 * A registration could not be written to the record archive (S3): a domain is only registered once its record would
 * survive the serving store losing its data. If the withdrawal failed too, the record stayed in the store, unarchived
 * and without a queued certificate. The cause names the bucket.
 */
public class RegistrationNotArchivedException extends RegistrationNotKeptException {
    private static final long serialVersionUID = 1L;

    RegistrationNotArchivedException(DomainName domain, boolean withdrawn, ArchiveException cause) {
        super("archive_unavailable", domain, withdrawn, "its record could not be stored durably",
                "could not be stored durably", cause);
    }
}
