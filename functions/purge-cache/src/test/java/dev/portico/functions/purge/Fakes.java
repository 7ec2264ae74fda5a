package dev.portico.functions.purge;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventPublisher;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for the two things a purge touches: the domain records it reads and the topic it publishes to. */
final class Fakes {
    static final Instant REGISTERED = Instant.parse("2026-11-01T09:00:00Z");

    private Fakes() {
    }

    /** Domain records by name; only {@link #find} is a purge's business, the rest is refused. */
    static final class Domains implements DomainStore {
        private final Map<DomainName, DomainRecord> records = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean down;

        Domains register(String domain, String tenant) {
            DomainName name = DomainName.ofTrusted(domain);
            records.put(name, DomainRecord.register(name, new TenantId(tenant),
                    OriginUrl.ofTrusted("https://origin.example.net"), REGISTERED));
            return this;
        }

        @Override
        public Optional<DomainRecord> find(DomainName domain) throws StoreException {
            reads.incrementAndGet();
            if (down) {
                throw new StoreUnavailableException("10.0.3.7:6379", java.time.Duration.ofMillis(2000),
                        new java.net.ConnectException("Connection refused"));
            }
            return Optional.ofNullable(records.get(domain));
        }

        @Override
        public boolean create(DomainRecord record) {
            throw new UnsupportedOperationException("a purge never writes");
        }

        @Override
        public boolean update(DomainRecord record) {
            throw new UnsupportedOperationException("a purge never writes");
        }

        @Override
        public boolean remove(DomainName domain) {
            throw new UnsupportedOperationException("a purge never writes");
        }

        @Override
        public Removal remove(DomainName domain, TenantId owner) {
            throw new UnsupportedOperationException("a purge never writes");
        }

        @Override
        public Page<DomainName> listByTenant(TenantId tenant, Optional<String> cursor, int limit) {
            throw new UnsupportedOperationException("a purge never lists");
        }

        @Override
        public long countByTenant(TenantId tenant) {
            throw new UnsupportedOperationException("a purge never counts");
        }
    }

    /** Keeps what was published; answers a message id as SNS does, or fails when told to. */
    static final class Publisher implements EdgeEventPublisher {
        final List<EdgeEvent> published = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public String publish(EdgeEvent event) throws EventPublishException {
            if (down) {
                throw new EventPublishException("publishing purge for " + event.domain()
                        + " to arn:aws:sns:us-east-1:123456789012:edge-events failed: throttled", null);
            }
            published.add(event);
            return "msg-" + published.size();
        }
    }
}
