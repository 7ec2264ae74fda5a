package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.core.InvalidInputException;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.event.EdgeEventCodec;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** Removal against real Redis and the emulator's SNS: what is deleted, and what the edge proxies are told. */
class DomainServiceRemoveIT {
    private static final Instant START = Instant.parse("2026-11-23T18:00:00.123Z");
    private static final String ORIGIN = "https://origin.example.net";
    private static DomainServiceFixture.Aws aws;

    private final MutableClock clock = new MutableClock(START);
    private final String tenant = "tenant-" + DomainServiceFixture.random8();
    private DomainServiceFixture.Redis redis;

    @BeforeAll
    static void createQueueAndTopic() {
        aws = new DomainServiceFixture.Aws();
    }

    @AfterAll
    static void deleteQueueAndTopic() {
        aws.close();
    }

    @BeforeEach
    void openRedis() throws Exception {
        redis = new DomainServiceFixture.Redis();
        aws.freshIssuanceQueue();
    }

    @AfterEach
    void closeRedis() {
        redis.close();
    }

    private DomainService service(RegistrationPolicy policy, String queueUrl, String topicArn) {
        return new DomainService(redis.store.domains(), redis.store.certificates(), redis.store.renewals(),
                redis.store.rateLimiter(), new SqsIssuanceQueue(aws.sqs, queueUrl),
                new SnsEdgeEventPublisher(aws.sns, topicArn), clock, policy);
    }

    private DomainService service(RegistrationPolicy policy) {
        return service(policy, aws.issuanceQueueUrl, aws.topicArn);
    }

    private DomainService service() {
        return service(RegistrationPolicy.defaults());
    }

    private static String domain() {
        return "shop-" + DomainServiceFixture.random8() + ".example.com";
    }

    @Test
    void removingDeletesCertificateRenewalAndRecordAndTellsTheProxies() throws Exception {
        DomainService service = service();
        DomainName name = service.register(domain(), tenant, ORIGIN).record().domain();
        redis.store.certificates().put(new StoredCertificate(name, "-----BEGIN CERTIFICATE-----\n",
                SealedKey.fromBytes(new byte[] {1, 2, 3}), "0a", START, START.plus(90, ChronoUnit.DAYS)));
        redis.store.renewals().schedule(name, START.plus(60, ChronoUnit.DAYS));
        aws.drain(aws.proxyQueueUrl, 0);
        clock.advance(Duration.ofMinutes(1));

        DomainRecord removed = service.remove(name.ascii(), tenant);

        assertThat(removed.status()).isEqualTo(DomainStatus.REMOVED);
        assertThat(removed.domain()).isEqualTo(name);
        assertThat(redis.store.certificates().find(name)).isEmpty();
        assertThat(redis.store.renewals().due(START.plus(365, ChronoUnit.DAYS), 100)).doesNotContain(name);
        assertThat(redis.store.domains().find(name)).isEmpty();
        assertThat(redis.keys()).allMatch(key -> key.contains(":ratelimit:"));
        assertThat(awaitRemovedEvent(name).at()).isEqualTo(clock.instant());
    }

    private EdgeEvent awaitRemovedEvent(DomainName name) throws InvalidInputException {
        for (int attempt = 0; attempt < 5; attempt++) {
            for (Message m : aws.drain(aws.proxyQueueUrl, 2)) {
                EdgeEvent event = EdgeEventCodec.decode(m.body());
                if (event instanceof EdgeEvent.DomainRemoved && event.domain().equals(name)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no domain-removed event for " + name + " arrived within 10 s");
    }

    @Test
    void aRemovalThatCannotBePublishedStillRemoves() throws Exception {
        DomainService service = service(RegistrationPolicy.defaults(), aws.issuanceQueueUrl, aws.missingTopicArn());
        DomainName name = service.register(domain(), tenant, ORIGIN).record().domain();

        assertThat(service.remove(name.ascii(), tenant).status()).isEqualTo(DomainStatus.REMOVED);
        assertThat(redis.store.domains().find(name)).isEmpty();
    }

    @Test
    void onlyTheOwnerCanRemoveAndAnUnknownDomainIsNotFound() throws Exception {
        DomainService service = service();
        String name = domain();
        service.register(name, tenant, ORIGIN);

        assertThatThrownBy(() -> service.remove(name, "someone-else"))
                .isInstanceOfSatisfying(NotOwnerException.class, e -> assertThat(e.getCode()).isEqualTo("not_owner"))
                .message().doesNotContain(tenant);
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isPresent();
        assertThatThrownBy(() -> service.remove(domain(), tenant)).isInstanceOf(DomainNotFoundException.class);
        assertThatThrownBy(() -> service.find(domain())).isInstanceOf(DomainNotFoundException.class);
        assertThat(service.find(name.toUpperCase()).domain().ascii()).isEqualTo(name);
    }
}
