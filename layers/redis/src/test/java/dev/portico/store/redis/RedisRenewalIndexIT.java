package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisRenewalIndexIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private SharedRedis redis;
    private RenewalIndex renewals;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        renewals = redis.store.renewals();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void dueReturnsOnlyWhatIsDueEarliestFirstUpToTheLimit() throws StoreException {
        DomainName oldest = TestNames.domain("a");
        DomainName older = TestNames.domain("b");
        DomainName justNow = TestNames.domain("c");
        DomainName later = TestNames.domain("d");
        renewals.schedule(justNow, NOW);
        renewals.schedule(later, NOW.plusMillis(1));
        renewals.schedule(oldest, NOW.minus(Duration.ofDays(3)));
        renewals.schedule(older, NOW.minus(Duration.ofHours(1)));

        assertThat(renewals.due(NOW, 10)).containsExactly(oldest, older, justNow);
        assertThat(renewals.due(NOW, 2)).containsExactly(oldest, older);
        assertThat(renewals.due(NOW.minus(Duration.ofDays(4)), 10)).isEmpty();
        assertThat(renewals.due(NOW, 10)).as("due does not remove").hasSize(3);
    }

    @Test
    void schedulingAgainMovesTheOneEntryAndUnscheduleRemovesIt() throws StoreException {
        DomainName domain = TestNames.domain();
        renewals.schedule(domain, NOW.minusSeconds(10));
        renewals.schedule(domain, NOW.plus(Duration.ofDays(60)));
        assertThat(renewals.due(NOW, 10)).isEmpty();
        assertThat(redis.raw.zcard(redis.keys.renewals())).isEqualTo(1);

        renewals.schedule(domain, NOW.minusSeconds(1));
        assertThat(renewals.due(NOW, 10)).containsExactly(domain);
        renewals.unschedule(domain);
        assertThat(renewals.due(NOW, 10)).isEmpty();
    }
}
