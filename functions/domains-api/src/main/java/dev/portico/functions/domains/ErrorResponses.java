package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.portico.control.DomainConflictException;
import dev.portico.control.DomainNotFoundException;
import dev.portico.control.DomainServiceException;
import dev.portico.control.NotOwnerException;
import dev.portico.control.QuotaExceededException;
import dev.portico.control.RegistrationNotKeptException;
import dev.portico.core.InvalidInputException;
import dev.portico.core.issuance.QueueException;
import dev.portico.core.store.StoreException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as the HTTP answer a client can act on. Messages of refusals come from the service and say what
 * to do; messages of outages are written here, because the underlying ones name internal endpoints, queue URLs
 * and account ids that a client must not see (they are logged instead).
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    /** Store and queue outages are short (failover, throttling); a few seconds is a fair first wait. */
    private static final String OUTAGE_RETRY_SECONDS = "5";

    private ErrorResponses() {
    }

    static APIGatewayV2HTTPResponse of(Exception failure, RequestLog log) {
        Failure f = classify(failure);
        log.errorCode(f.code);
        if (f.status >= 500) {
            LOG.atError().addKeyValue("error", f.code).setCause(failure).log("request failed: {}", failure.getMessage());
        }
        return ApiResponses.error(f.status, f.code, f.message, f.field, f.headers);
    }

    private record Failure(int status, String code, String message, String field, Map<String, String> headers) {
        Failure(int status, String code, String message, String field) {
            this(status, code, message, field, Map.of());
        }
    }

    private static Failure classify(Exception failure) {
        return switch (failure) {
            case RequestRejectedException e -> new Failure(e.status(), e.code(), e.getMessage(), e.field(), e.headers());
            case InvalidInputException e -> new Failure(400, e.getCode(), e.getMessage(), e.getField());
            case DomainServiceException e -> fromService(e);
            case StoreException e -> new Failure(503, "store_unavailable", "the domain store is unavailable right now;"
                    + " nothing was changed by this request, retry it in a few seconds", null,
                    Map.of("retry-after", OUTAGE_RETRY_SECONDS));
            case QueueException e -> new Failure(503, "queue_unavailable", "the certificate request could not be"
                    + " queued, so the domain was not registered; retry the registration in a few seconds", null,
                    Map.of("retry-after", OUTAGE_RETRY_SECONDS));
            default -> new Failure(500, "internal_error", "the request failed unexpectedly; it has been logged", null);
        };
    }

    private static Failure fromService(DomainServiceException e) {
        return switch (e) {
            case DomainConflictException c -> new Failure(409, c.getCode(), c.getMessage(), c.getField());
            case DomainNotFoundException n -> new Failure(404, n.getCode(), n.getMessage(), n.getField());
            case NotOwnerException o -> new Failure(403, o.getCode(), o.getMessage(), o.getField());
            case RegistrationNotKeptException k -> new Failure(503, k.getCode(), k.getMessage(), null,
                    Map.of("retry-after", OUTAGE_RETRY_SECONDS));
            // The per-minute rate passes with time: 429 and when to come back. The domain cap does not, so it is a
            // 403: a 429 would invite clients to retry something only removing a domain can fix.
            case QuotaExceededException q when q.getRetryAfterSeconds().isPresent() -> new Failure(429, q.getCode(),
                    q.getMessage(), q.getField(), Map.of("retry-after", q.getRetryAfterSeconds().get().toString()));
            case QuotaExceededException q -> new Failure(403, q.getCode(), q.getMessage(), q.getField());
            default -> new Failure(500, "internal_error", "the request failed unexpectedly; it has been logged", null);
        };
    }
}
