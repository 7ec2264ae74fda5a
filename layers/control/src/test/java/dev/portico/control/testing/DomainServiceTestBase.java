package dev.portico.control.testing;

import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The life cycle of every test of a {@link dev.portico.control.DomainService} against the real services, whether it
 * calls the service or a handler in front of it: the queues and topic of one class, and per test a Redis prefix and
 * an issuance queue of its own, so that no test sees what another left behind. Test classes run one at a time, so
 * the static fixture is never shared by two of them at once.
 */
public abstract class DomainServiceTestBase {
    protected static DomainServiceFixture aws;
    protected SharedRedis redis;

    @BeforeAll
    static void createQueueAndTopic() {
        aws = new DomainServiceFixture();
    }

    @AfterAll
    static void deleteQueueAndTopic() {
        aws.close();
    }

    @BeforeEach
    void openRedisAndEmptyQueue() throws StoreException {
        redis = SharedRedis.open();
        aws.freshIssuanceQueue();
    }

    @AfterEach
    void closeRedis() {
        redis.close();
    }
}
