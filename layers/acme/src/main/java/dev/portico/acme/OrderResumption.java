package dev.portico.acme;

import dev.portico.core.domain.DomainName;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;

/**
 * Decides whether an order from an earlier attempt can be continued, and loads it. Only an order that still needs
 * validating or finalizing is worth it: once finalized, the certificate key that signed its CSR died with the attempt
 * that made it, so the certificate would be useless to us.
 */
final class OrderResumption {
    private OrderResumption() {
    }

    static Order resume(AcmeFailures failures, Login login, DomainName domain, URI location) throws AcmeException {
        URL url;
        try {
            url = location.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new AcmeOrderNotResumableException(domain, location, "it is not a URL", e);
        }
        Optional<DomainName> context = Optional.of(domain);
        Order order;
        try {
            order = failures.call(context, "reading the order to resume", () -> {
                Order bound = login.bindOrder(url);
                bound.fetch();
                return bound;
            });
        } catch (AcmeRetryableException e) {
            throw e;
        } catch (AcmeException e) {
            // A CA that restarted or purged the order answers 404 (Pebble without a problem document); an order of
            // another account is refused as unauthorized. Neither gets better by asking again.
            throw new AcmeOrderNotResumableException(domain, location, "the CA no longer shows it to this account ("
                    + e.getMessage() + ")", e);
        }
        List<String> names = order.getIdentifiers().stream().map(Identifier::getDomain).toList();
        if (!names.equals(List.of(domain.ascii()))) {
            throw new AcmeOrderNotResumableException(domain, location, "it is for " + names, null);
        }
        if (order.getExpires().map(expires -> expires.isBefore(Instant.now())).orElse(false)) {
            throw new AcmeOrderNotResumableException(domain, location, "it expired", null);
        }
        Status status = order.getStatus();
        return switch (status) {
            case PENDING, READY -> order;
            case PROCESSING, VALID -> throw new AcmeOrderNotResumableException(domain, location,
                    "an earlier attempt finalized it with a certificate key that is gone", null);
            case INVALID -> {
                // Failed validation is the domain's problem, reported as for a new order; anything else is not.
                if (failures.call(context, "reading the order's authorizations", () -> hasInvalid(order))) {
                    yield order;
                }
                throw new AcmeOrderNotResumableException(domain, location, "it is invalid (expired or deactivated)",
                        null);
            }
            default -> throw new AcmeOrderNotResumableException(domain, location, "it is " + status, null);
        };
    }

    private static boolean hasInvalid(Order order) {
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.INVALID) {
                return true;
            }
        }
        return false;
    }
}
