package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.IssuanceLocks;
import dev.portico.core.store.IssuanceLocks.Lock;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Duration;
import java.time.Instant;
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

class RedisIssuanceLocksIT {
    private SharedRedis redis;
    private IssuanceLocks locks;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        locks = redis.store.locks();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void oneOfTwentySimultaneousContendersGetsTheLock() throws Exception {
        DomainName domain = TestNames.domain();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lock>>> attempts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return locks.tryAcquire(domain, Duration.ofSeconds(30));
                }));
            }
            start.countDown();
            List<Lock> held = new ArrayList<>();
            for (Future<Optional<Lock>> attempt : attempts) {
                attempt.get().ifPresent(held::add);
            }
            assertThat(held).hasSize(1);
            assertThat(redis.raw.get(redis.keys.issueLock(domain))).isEqualTo(held.getFirst().owner());
            assertThat(held.getFirst().owner()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void expiredHolderCannotReleaseOrExtendTheNextHoldersLock() throws Exception {
        DomainName domain = TestNames.domain();
        Lock first = locks.tryAcquire(domain, Duration.ofMillis(150)).orElseThrow();
        assertThat(locks.tryAcquire(domain, Duration.ofSeconds(30))).as("held, not expired yet").isEmpty();

        Lock second = awaitLock(domain, Duration.ofSeconds(30));
        assertThat(second.owner()).isNotEqualTo(first.owner());
        assertThat(first.release()).isFalse();
        assertThat(first.extend(Duration.ofMinutes(5))).isFalse();
        assertThat(redis.raw.get(redis.keys.issueLock(domain))).isEqualTo(second.owner());

        assertThat(second.release()).isTrue();
        assertThat(second.release()).as("released once only").isFalse();
        assertThat(locks.tryAcquire(domain, Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void extendProlongsTheLeaseOfTheHolder() throws StoreException {
        DomainName domain = TestNames.domain();
        Lock lock = locks.tryAcquire(domain, Duration.ofMillis(500)).orElseThrow();
        assertThat(lock.extend(Duration.ofMinutes(2))).isTrue();
        assertThat(redis.raw.pttl(redis.keys.issueLock(domain))).isGreaterThan(60_000L);
        assertThat(lock.domain()).isEqualTo(domain);
    }

    /** Polls until the previous lease has run out; bounded, so a lease that never expires fails the test. */
    private Lock awaitLock(DomainName domain, Duration lease) throws Exception {
        Instant deadline = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(deadline)) {
            Optional<Lock> lock = locks.tryAcquire(domain, lease);
            if (lock.isPresent()) {
                return lock.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("lock of " + domain + " never expired");
    }
}
