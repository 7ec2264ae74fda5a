package dev.portico.edge;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.store.ChallengeStore;
import dev.portico.edge.admin.ReadinessProbe;
import dev.portico.edge.route.Route;
import dev.portico.edge.route.RouteSource;
import dev.portico.edge.store.StoreSource;
import dev.portico.edge.tls.ServedCertificate;
import dev.portico.edge.tls.StoredCertificateSource;
import dev.portico.store.redis.RedisStore;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy reads from the store: challenge answers (port 80), certificates (port 443), routes (both), and a
 * ping for readiness.
 *
 * @param tlsEnabled false for a challenge-only server (port 80 answering the CA, nothing else), as control-plane tests
 *                   use
 */
public record EdgeSources(ChallengeStore challenges, StoreSource<ServedCertificate> certificates,
        StoreSource<Route> routes, ReadinessProbe.Check ping, boolean tlsEnabled) {

    public EdgeSources {
        Objects.requireNonNull(challenges, "challenges");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(ping, "ping");
    }

    /** Everything from one Redis store; keys opened with the envelope that sealed them. */
    public static EdgeSources of(RedisStore store, KeyEnvelope envelope) {
        return new EdgeSources(store.challenges(), new StoredCertificateSource(store.certificates(), envelope),
                new RouteSource(store.domains()), store::ping, true);
    }

    /** Port 80's challenge answers only: no TLS listener, no redirects. */
    public static EdgeSources challengesOnly(ChallengeStore challenges) {
        return new EdgeSources(challenges, name -> Optional.empty(), name -> Optional.empty(), () -> { }, false);
    }
}
