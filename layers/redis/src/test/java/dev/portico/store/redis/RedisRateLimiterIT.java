package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.store.RateLimiter;
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

class RedisRateLimiterIT {
    private static final Instant T0 = Instant.parse("2026-11-23T18:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private SharedRedis redis;
    private RateLimiter limiter;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        limiter = redis.store.rateLimiter();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void slidingWindowAdmitsTheLimitThenSaysHowLongToWait() throws StoreException {
        String bucket = "register:tenant:" + TestNames.random8();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(bucket, 3, MINUTE, T0.plusSeconds(i * 10))).isEmpty();
        }
        assertThat(limiter.tryAcquire(bucket, 3, MINUTE, T0.plusSeconds(30))).contains(Duration.ofSeconds(30));
        // The first acquisition ages out at T0+60s; the second at T0+70s.
        assertThat(limiter.tryAcquire(bucket, 3, MINUTE, T0.plusSeconds(60).plusMillis(1))).isEmpty();
        assertThat(limiter.tryAcquire(bucket, 3, MINUTE, T0.plusSeconds(61))).contains(Duration.ofSeconds(9));
    }

    @Test
    void exactUnderConcurrency() throws Exception {
        String bucket = "orders:account:" + TestNames.random8();
        int contenders = 40;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Duration>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return limiter.tryAcquire(bucket, 10, Duration.ofHours(3), T0);
                }));
            }
            go.countDown();
            long admitted = 0;
            for (Future<Optional<Duration>> result : results) {
                admitted += result.get().isEmpty() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusedAttemptsDoNotExtendTheWindowAndKeysExpire() throws StoreException {
        String bucket = "register:tenant:" + TestNames.random8();
        assertThat(limiter.tryAcquire(bucket, 1, MINUTE, T0)).isEmpty();
        for (int i = 1; i <= 5; i++) {
            assertThat(limiter.tryAcquire(bucket, 1, MINUTE, T0.plusSeconds(i))).isPresent();
        }
        assertThat(limiter.tryAcquire(bucket, 1, MINUTE, T0.plusSeconds(60).plusMillis(1))).isEmpty();
        assertThat(redis.raw.pttl(redis.keys.rateLimit(bucket))).isBetween(1L, MINUTE.toMillis());
    }

    @Test
    void refusesBucketNamesOutsideItsAlphabet() {
        assertThatThrownBy(() -> limiter.tryAcquire("Tenant A", 1, MINUTE, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
