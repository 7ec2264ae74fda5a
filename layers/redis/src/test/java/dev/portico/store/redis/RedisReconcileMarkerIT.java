package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.store.ReconcileMarker;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marker whose absence says the store lost its data; on the shared Redis, under this test's own prefix. */
class RedisReconcileMarkerIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SharedRedis redis;
    private ReconcileMarker marker;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        marker = redis.store.reconcileMarker();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void missingUntilARunCompletes() throws Exception {
        assertThat(marker.completedAt()).isEmpty();
        String token = marker.begin(NOW);
        assertThat(marker.completedAt()).as("a run in progress is not a whole store").isEmpty();
        assertThat(marker.complete(token, NOW.plusSeconds(3))).isTrue();
        assertThat(marker.completedAt()).contains(NOW.plusSeconds(3));
        assertThat(redis.raw.get(redis.keys.reconcileMarker())).isEqualTo("done:" + NOW.plusSeconds(3).toEpochMilli());
    }

    @Test
    void aRunDuringWhichTheStoreWasWipedDoesNotMarkItWhole() throws Exception {
        String token = marker.begin(NOW);
        redis.raw.del(redis.keys.reconcileMarker());
        assertThat(marker.complete(token, NOW)).isFalse();
        assertThat(marker.completedAt()).isEmpty();
    }

    @Test
    void onlyTheLatestRunMarksTheStoreWhole() throws Exception {
        String first = marker.begin(NOW);
        String second = marker.begin(NOW.plusSeconds(1));
        assertThat(marker.complete(first, NOW.plusSeconds(2))).isFalse();
        assertThat(marker.completedAt()).isEmpty();
        assertThat(marker.complete(second, NOW.plusSeconds(3))).isTrue();
    }
}
