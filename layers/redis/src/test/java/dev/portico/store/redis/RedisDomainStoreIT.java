package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.InvalidCursorException;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisDomainStoreIT {
    private static final OriginUrl ORIGIN = OriginUrl.ofTrusted("https://origin.example.net");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SharedRedis redis;
    private DomainStore domains;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        domains = redis.store.domains();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void createdRecordReadsBackEqualAndIsIndexed() throws StoreException {
        DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN, NOW);
        assertThat(domains.create(record)).isTrue();
        assertThat(domains.find(record.domain())).contains(record);
        assertThat(domains.countByTenant(record.tenant())).isEqualTo(1);

        TenantId late = TestNames.tenant();
        assertThat(domains.create(DomainRecord.register(record.domain(), late, ORIGIN, NOW.plusSeconds(1)))).isFalse();
        assertThat(domains.find(record.domain())).contains(record);
        assertThat(domains.countByTenant(late)).isZero();
        assertThat(domains.find(TestNames.domain())).isEmpty();
    }

    @Test
    void firstOfTenConcurrentCreatorsWinsAndTheIndexesAgree() throws Exception {
        DomainName contested = TestNames.domain();
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenants.add(TestNames.tenant());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (TenantId tenant : tenants) {
                results.add(pool.submit(() -> {
                    start.await();
                    return domains.create(DomainRecord.register(contested, tenant, ORIGIN, NOW));
                }));
            }
            start.countDown();
            List<TenantId> winners = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (results.get(i).get()) {
                    winners.add(tenants.get(i));
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(domains.find(contested).orElseThrow().tenant()).isEqualTo(winners.getFirst());
            for (TenantId tenant : tenants) {
                assertThat(domains.countByTenant(tenant)).isEqualTo(tenant.equals(winners.getFirst()) ? 1 : 0);
            }
        }
    }

    @Test
    void updateReplacesOnlyAnExistingRecordOfTheSameTenant() throws StoreException {
        DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN, NOW);
        assertThat(domains.update(record)).as("update never creates").isFalse();
        assertThat(domains.find(record.domain())).isEmpty();

        domains.create(record);
        DomainRecord failed = record.withStatus(DomainStatus.FAILED, "CAA forbids our CA", NOW.plusSeconds(1));
        assertThat(domains.update(failed)).isTrue();
        assertThat(domains.find(record.domain())).contains(failed);

        DomainRecord again = failed.withStatus(DomainStatus.VALIDATING, null, NOW.plusSeconds(2));
        assertThat(domains.update(again)).isTrue();
        assertThat(redis.raw.hgetAll(redis.keys.domain(record.domain()))).doesNotContainKey("reason");

        DomainRecord stolen = new DomainRecord(record.domain(), TestNames.tenant(), ORIGIN, DomainStatus.ACTIVE,
                Optional.empty(), Optional.empty(), Optional.empty(), NOW, NOW);
        assertThat(domains.update(stolen)).isFalse();
        assertThat(domains.find(record.domain())).contains(again);
    }

    @Test
    void removeCleansRecordTenantIndexAndRenewals() throws StoreException {
        DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN, NOW);
        domains.create(record);
        redis.store.renewals().schedule(record.domain(), NOW);

        assertThat(domains.remove(record.domain())).isTrue();
        assertThat(redis.raw.exists(redis.keys.domain(record.domain()))).isFalse();
        assertThat(redis.raw.zscore(redis.keys.tenantDomains(record.tenant()), record.domain().ascii())).isNull();
        assertThat(redis.raw.zscore(redis.keys.renewals(), record.domain().ascii())).isNull();
        assertThat(domains.remove(record.domain())).as("removing twice is harmless").isFalse();
        assertThat(redis.allKeys()).isEmpty();
    }

    @Test
    void ownerCheckedRemovalTouchesNothingOfAnotherTenant() throws StoreException {
        DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN, NOW);
        domains.create(record);
        redis.store.renewals().schedule(record.domain(), NOW);

        assertThat(domains.remove(record.domain(), TestNames.tenant())).isEqualTo(DomainStore.Removal.OWNED_BY_ANOTHER);
        assertThat(domains.find(record.domain())).contains(record);
        assertThat(domains.countByTenant(record.tenant())).isEqualTo(1);
        assertThat(redis.store.renewals().due(NOW, 10)).contains(record.domain());

        assertThat(domains.remove(record.domain(), record.tenant())).isEqualTo(DomainStore.Removal.REMOVED);
        assertThat(domains.find(record.domain())).isEmpty();
        assertThat(domains.countByTenant(record.tenant())).isZero();
        assertThat(redis.store.renewals().due(NOW, 10)).doesNotContain(record.domain());
        assertThat(domains.remove(record.domain(), record.tenant())).isEqualTo(DomainStore.Removal.ABSENT);
    }

    @Test
    void twentyFiveDomainsComeBackInThreePagesInNameOrder() throws StoreException {
        TenantId tenant = TestNames.tenant();
        List<DomainName> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            DomainName name = TestNames.domain("d" + i);
            expected.add(name);
            domains.create(DomainRecord.register(name, tenant, ORIGIN, NOW));
        }
        domains.create(DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN, NOW));
        expected.sort(null);

        List<Page<DomainName>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<DomainName> page = domains.listByTenant(tenant, cursor, 10);
            pages.add(page);
            cursor = page.next();
        } while (cursor.isPresent() && pages.size() < 10);

        assertThat(pages).extracting(p -> p.items().size()).containsExactly(10, 10, 5);
        assertThat(pages.stream().flatMap(p -> p.items().stream()).toList()).isEqualTo(expected);
        assertThat(domains.countByTenant(tenant)).isEqualTo(25);
    }

    @Test
    void exactlyFullLastPageHasNoCursorAndForeignCursorsAreRefused() throws StoreException {
        TenantId tenant = TestNames.tenant();
        for (int i = 0; i < 4; i++) {
            domains.create(DomainRecord.register(TestNames.domain(), tenant, ORIGIN, NOW));
        }
        Page<DomainName> first = domains.listByTenant(tenant, Optional.empty(), 2);
        assertThat(domains.listByTenant(tenant, first.next(), 2).next()).isEmpty();
        assertThat(domains.listByTenant(TestNames.tenant(), Optional.empty(), 2).items()).isEmpty();
        for (String forged : new String[] {"!!not-ours", "QUJD", "", "_w"}) {
            assertThatThrownBy(() -> domains.listByTenant(tenant, Optional.of(forged), 2)).as(forged)
                    .isInstanceOfSatisfying(InvalidCursorException.class, e -> assertThat(e.getCursor()).isEqualTo(forged))
                    .hasMessageContaining("first page");
        }
    }
}
