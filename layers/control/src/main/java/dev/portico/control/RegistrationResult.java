package dev.portico.control;

import dev.portico.core.domain.DomainRecord;
import java.util.Objects;

/**
 * The outcome of {@link DomainService#register}.
 *
 * @param record  the domain's record as it now stands
 * @param created true when this call registered the domain; false when the same tenant had registered it with the
 *                same origin already, so a retried request is harmless
 */
public record RegistrationResult(DomainRecord record, boolean created) {
    public RegistrationResult {
        Objects.requireNonNull(record, "record");
    }
}
