package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.control.testing.DomainServiceFixture;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.QueueException;
import dev.portico.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Registration against real Redis and the emulator's SQS: what is stored, queued, refused. */
class DomainServiceIT extends DomainServiceTestBase {
    private static final Instant START = Instant.parse("2026-11-23T18:00:00.123Z");
    private static final String ORIGIN = "https://origin.example.net";

    private final MutableClock clock = new MutableClock(START);
    private final String tenant = "tenant-" + DomainServiceFixture.random8();

    private DomainService service(RegistrationPolicy policy) {
        return aws.service(redis.store, policy, clock);
    }

    private DomainService service() {
        return service(RegistrationPolicy.defaults());
    }

    private static String domain() {
        return "shop-" + DomainServiceFixture.random8() + ".example.com";
    }

    @Test
    void registeringStoresAPendingDnsRecordAndQueuesExactlyOneIssuance() throws Exception {
        String name = domain();
        RegistrationResult result = service().register(name, tenant, ORIGIN);

        assertThat(result.created()).isTrue();
        DomainRecord record = result.record();
        assertThat(record.domain().ascii()).isEqualTo(name);
        assertThat(record.tenant()).isEqualTo(new TenantId(tenant));
        assertThat(record.origin()).isEqualTo(OriginUrl.ofTrusted(ORIGIN));
        assertThat(record.status()).isEqualTo(DomainStatus.PENDING_DNS);
        assertThat(record.createdAt()).isEqualTo(START.truncatedTo(ChronoUnit.MILLIS));
        assertThat(redis.store.domains().find(record.domain())).contains(record);
        assertThat(aws.queued()).containsExactly(
                IssuanceRequest.first(record.domain(), IssuanceRequest.Reason.REGISTERED, record.createdAt()));
    }

    @Test
    void repeatingARegistrationAnswersTheCurrentRecordAndQueuesNothingMore() throws Exception {
        String name = domain();
        DomainService service = service();
        DomainRecord first = service.register(name, tenant, ORIGIN).record();
        clock.advance(Duration.ofSeconds(5));

        // Same name and origin in another spelling: still the same registration.
        RegistrationResult again = service.register(name.toUpperCase() + ".", tenant, ORIGIN + "/");

        assertThat(again.created()).isFalse();
        assertThat(again.record()).isEqualTo(first);
        assertThat(aws.queued()).hasSize(1);
    }

    @Test
    void anotherTenantIsToldTheNameIsTakenWithoutLearningByWhom() throws Exception {
        String name = domain();
        service().register(name, tenant, ORIGIN);

        assertThatThrownBy(() -> service().register(name, "intruder", ORIGIN))
                .isInstanceOfSatisfying(DomainConflictException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(DomainConflictException.Reason.DOMAIN_TAKEN);
                    assertThat(e.getCode()).isEqualTo("domain_taken");
                    assertThat(e.getField()).isEqualTo("domain");
                    assertThat(e.getCurrentOrigin()).isEmpty();
                })
                .message().doesNotContain(tenant).doesNotContain(ORIGIN);
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name)).orElseThrow().tenant().value())
                .isEqualTo(tenant);
    }

    @Test
    void theSameTenantWithAnotherOriginIsAConflictThatNamesTheCurrentOrigin() throws Exception {
        String name = domain();
        service().register(name, tenant, ORIGIN);

        assertThatThrownBy(() -> service().register(name, tenant, "https://elsewhere.example.net"))
                .isInstanceOfSatisfying(DomainConflictException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("registered_with_other_origin");
                    assertThat(e.getCurrentOrigin()).contains(OriginUrl.ofTrusted(ORIGIN));
                })
                .hasMessageContaining(ORIGIN).hasMessageContaining("DELETE /domains/" + name);
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name)).orElseThrow().origin())
                .isEqualTo(OriginUrl.ofTrusted(ORIGIN));
    }

    @Test
    void theRegistrationRateRefusesWithRetryAfterAndAdmitsOnceTheWindowHasPassed() throws Exception {
        DomainService service = service(RegistrationPolicy.defaults().withRegistrationsPerMinute(2));
        service.register(domain(), tenant, ORIGIN);
        clock.advance(Duration.ofSeconds(10));
        service.register(domain(), tenant, ORIGIN);
        String third = domain();

        assertThatThrownBy(() -> service.register(third, tenant.toUpperCase(), ORIGIN))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.getQuota()).isEqualTo(QuotaExceededException.Quota.REGISTRATIONS_PER_MINUTE);
                    assertThat(e.getCode()).isEqualTo("registration_rate_exceeded");
                    assertThat(e.getRetryAfter()).contains(Duration.ofSeconds(50));
                    assertThat(e.getRetryAfterSeconds()).contains(50L);
                });
        assertThat(redis.store.domains().find(DomainName.ofTrusted(third))).isEmpty();

        clock.advance(Duration.ofSeconds(50));
        assertThat(service.register(third, tenant, ORIGIN).created()).isTrue();
        assertThat(aws.queued()).hasSize(3);
    }

    @Test
    void theDomainCapRefusesWithoutRetryAfterUntilADomainIsRemoved() throws Exception {
        DomainService service = service(RegistrationPolicy.defaults().withMaxDomainsPerTenant(2));
        String first = domain();
        service.register(first, tenant, ORIGIN);
        service.register(domain(), tenant, ORIGIN);
        String third = domain();

        assertThatThrownBy(() -> service.register(third, tenant, ORIGIN))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("domain_quota_exceeded");
                    assertThat(e.getLimit()).isEqualTo(2);
                    assertThat(e.getRetryAfter()).isEmpty();
                });
        assertThat(redis.store.domains().countByTenant(new TenantId(tenant))).isEqualTo(2);

        service.remove(first, tenant);
        assertThat(service.register(third, tenant, ORIGIN).created()).isTrue();
    }

    @Test
    void aFailedEnqueueWithdrawsTheRecord() throws Exception {
        String name = domain();
        DomainService service = aws.service(redis.store, RegistrationPolicy.defaults(), clock, aws.missingQueueUrl(),
                aws.edge.topicArn());

        assertThatThrownBy(() -> service.register(name, tenant, ORIGIN))
                .isInstanceOfSatisfying(RegistrationNotQueuedException.class, e -> {
                    assertThat(e.isWithdrawn()).isTrue();
                    assertThat(e.getCode()).isEqualTo("queue_unavailable");
                    assertThat(e.getCause()).isInstanceOf(QueueException.class);
                })
                .hasMessageContaining(name).hasMessageContaining("retry");

        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isEmpty();
        assertThat(redis.store.domains().countByTenant(new TenantId(tenant))).isZero();
        // Only the rate limiter's entry remains: no record, no tenant index.
        assertThat(redis.allKeys()).allMatch(key -> key.contains(":ratelimit:register:tenant:"));
    }

    @Test
    void refusedInputWritesNothingAndQueuesNothing() throws Exception {
        DomainService service = service();
        String[][] refused = {
                {"localhost", tenant, ORIGIN, "domain"},
                {domain(), "bad tenant", ORIGIN, "tenant"},
                {domain(), tenant, "http://169.254.169.254/latest", "origin"},
                {domain(), null, null, "tenant"},
        };
        for (String[] input : refused) {
            assertThatThrownBy(() -> service.register(input[0], input[1], input[2]))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.getField()).isEqualTo(input[3]));
        }
        assertThat(redis.allKeys()).isEmpty();
        assertThat(aws.queued()).isEmpty();
    }
}
