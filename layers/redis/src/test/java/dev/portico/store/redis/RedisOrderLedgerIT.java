package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.OrderLedger;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisOrderLedgerIT {
    private SharedRedis redis;
    private OrderLedger orders;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        orders = redis.store.orders();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void remembersOneOrderPerDomainUntilForgotten() throws StoreException {
        DomainName domain = TestNames.domain();
        URI first = URI.create("https://localhost:14000/my-order/abc");
        URI second = URI.create("https://localhost:14000/my-order/def");
        assertThat(orders.find(domain)).isEmpty();
        orders.remember(domain, first, Duration.ofDays(7));
        orders.remember(domain, second, Duration.ofDays(7));
        assertThat(orders.find(domain)).contains(second);
        orders.forget(domain);
        assertThat(orders.find(domain)).isEmpty();
    }

    @Test
    void entriesExpireWithTheOrder() throws Exception {
        DomainName domain = TestNames.domain();
        orders.remember(domain, URI.create("https://localhost:14000/my-order/x"), Duration.ofMillis(150));
        assertThat(orders.find(domain)).isPresent();
        Thread.sleep(300);
        assertThat(orders.find(domain)).isEmpty();
    }
}
