package dev.portico.control.issuance;

import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.issuance.IssuanceRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a request still has work to do, judged from the domain record: asked before taking the lock (cheap) and
 * again after it (the answer may have changed while another worker held it). Delivery is at least once and retries
 * pile up behind a busy lock, so "has this been settled since the request was made?" is the question.
 */
public final class WorkCheck {
    private WorkCheck() {
    }

    /** Empty when there is work to do; otherwise why there is none. */
    public static Optional<String> skipReason(Optional<DomainRecord> found, IssuanceRequest request, Instant now) {
        String name = request.domain().unicode();
        if (found.isEmpty()) {
            return Optional.of(name + " is not registered (removed before this request ran)");
        }
        DomainRecord record = found.get();
        boolean settledSinceAsked = !record.updatedAt().isBefore(request.firstAsked());
        return switch (record.status()) {
            case REMOVED -> Optional.of(name + " was removed");
            // A failure after the request was made answers it; a later registration asks anew.
            case FAILED -> settledSinceAsked
                    ? Optional.of(name + " failed after this request was made: " + record.reason().orElse("?"))
                    : Optional.empty();
            case ACTIVE -> activeSkipReason(record, request, now, settledSinceAsked);
            default -> Optional.empty();
        };
    }

    private static Optional<String> activeSkipReason(DomainRecord record, IssuanceRequest request, Instant now,
            boolean settledSinceAsked) {
        if (record.renewAt().isEmpty() || !record.renewAt().get().isAfter(now)) {
            return Optional.empty();
        }
        String name = request.domain().unicode();
        String until = record.certificate().map(c -> " valid until " + c.notAfter()).orElse("");
        if (request.reason() != IssuanceRequest.Reason.RENEWAL) {
            return Optional.of(name + " has a certificate" + until + "; renewal is due at " + record.renewAt().get());
        }
        // An early renewal (the CA's renewal info may ask for one) is honoured once, not again for a duplicate.
        return settledSinceAsked
                ? Optional.of(name + " was renewed after this renewal was asked for; certificate" + until)
                : Optional.empty();
    }

    /** The status to show while working: a domain with a certificate still being served shows {@code renewing}. */
    static DomainStatus progress(DomainRecord record, DomainStatus wanted, Instant now) {
        return isServing(record, now) ? DomainStatus.RENEWING : wanted;
    }

    /** True while the record's current certificate is still valid, so a failed renewal must not stop serving it. */
    static boolean isServing(DomainRecord record, Instant now) {
        return record.certificate().map(c -> c.notAfter().isAfter(now)).orElse(false);
    }
}
