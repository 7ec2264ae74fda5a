package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.control.testing.DomainServiceFixture;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.event.EdgeEvent;
import dev.portico.core.store.StoredCertificate;
import dev.portico.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Removal against real Redis and the emulator's SNS: what is deleted, and what the edge proxies are told. */
class DomainServiceRemoveIT extends DomainServiceTestBase {
    private static final Instant START = Instant.parse("2026-11-23T18:00:00.123Z");
    private static final String ORIGIN = "https://origin.example.net";

    private final MutableClock clock = new MutableClock(START);
    private final String tenant = "tenant-" + DomainServiceFixture.random8();

    private DomainService service() {
        return aws.service(redis.store, RegistrationPolicy.defaults(), clock);
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
        aws.edge.drain();
        clock.advance(Duration.ofMinutes(1));

        DomainRecord removed = service.remove(name.ascii(), tenant);

        assertThat(removed.status()).isEqualTo(DomainStatus.REMOVED);
        assertThat(removed.domain()).isEqualTo(name);
        assertThat(redis.store.certificates().find(name)).isEmpty();
        assertThat(redis.store.renewals().due(START.plus(365, ChronoUnit.DAYS), 100)).doesNotContain(name);
        assertThat(redis.store.domains().find(name)).isEmpty();
        assertThat(redis.allKeys()).allMatch(key -> key.contains(":ratelimit:"));
        EdgeEvent removedEvent = aws.edge.receive(event -> event instanceof EdgeEvent.DomainRemoved
                && event.domain().equals(name));
        assertThat(removedEvent.at()).isEqualTo(clock.instant());
    }

    @Test
    void aRemovalThatCannotBePublishedStillRemoves() throws Exception {
        DomainService service = aws.service(redis.store, RegistrationPolicy.defaults(), clock, aws.issuanceQueueUrl,
                aws.edge.missingTopicArn());
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
