package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.control.testing.DomainServiceFixture;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.core.archive.ArchiveException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.TenantId;
import dev.portico.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What registration and removal write to the record archive, in which order, and what a failing archive leaves
 * behind: never an acknowledged registration that is not archived, never an archived record of a removed domain.
 */
class DomainServiceArchiveIT extends DomainServiceTestBase {
    private static final String ORIGIN = "https://origin.example.net";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00.123Z"));
    private final String tenant = "tenant-" + DomainServiceFixture.random8();

    private DomainService service() {
        return aws.service(redis.store, RegistrationPolicy.defaults(), clock);
    }

    private static String domain() {
        return "archived-" + DomainServiceFixture.random8() + ".example.com";
    }

    @Test
    void aRegistrationIsAcknowledgedWithItsRecordArchived() throws Exception {
        RegistrationResult result = service().register(domain(), tenant, ORIGIN);
        assertThat(aws.archive.find(result.record().domain())).contains(result.record());
        assertThat(aws.queued()).hasSize(1);
    }

    @Test
    void anArchiveFailureWithdrawsTheRegistrationAndQueuesNothing() throws Exception {
        String name = domain();
        aws.archive.failPuts = true;

        assertThatThrownBy(() -> service().register(name, tenant, ORIGIN))
                .isInstanceOfSatisfying(RegistrationNotArchivedException.class, e -> {
                    assertThat(e.isWithdrawn()).isTrue();
                    assertThat(e.getCode()).isEqualTo("archive_unavailable");
                    assertThat(e.getCause()).isInstanceOf(ArchiveException.class);
                })
                .hasMessageContaining(name).hasMessageContaining("retry");
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isEmpty();
        assertThat(redis.store.domains().countByTenant(new TenantId(tenant))).isZero();
        assertThat(aws.issuanceMessages()).isZero();

        aws.archive.failPuts = false;
        assertThat(service().register(name, tenant, ORIGIN).created()).isTrue();
    }

    @Test
    void aQueueFailureWithdrawsTheRecordFromTheArchiveToo() throws Exception {
        String name = domain();
        DomainService service = aws.service(redis.store, RegistrationPolicy.defaults(), clock, aws.missingQueueUrl(),
                aws.edge.topicArn());

        assertThatThrownBy(() -> service.register(name, tenant, ORIGIN))
                .isInstanceOfSatisfying(RegistrationNotQueuedException.class, e -> assertThat(e.isWithdrawn()).isTrue());
        assertThat(aws.archive.records).isEmpty();
        assertThat(aws.archive.calls).containsExactly("put " + name + " pending_dns", "remove " + name);
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isEmpty();
    }

    @Test
    void removalTombstonesTheArchiveBeforeRedisThenDeletesIt() throws Exception {
        String name = domain();
        service().register(name, tenant, ORIGIN);
        service().remove(name, tenant);

        assertThat(aws.archive.calls).containsExactly("put " + name + " pending_dns", "put " + name + " removed",
                "remove " + name);
        assertThat(aws.archive.records).isEmpty();
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isEmpty();
    }

    @Test
    void aRemovalWhoseTombstoneFailsChangesNothing() throws Exception {
        String name = domain();
        DomainRecord registered = service().register(name, tenant, ORIGIN).record();
        aws.archive.failPuts = true;

        assertThatThrownBy(() -> service().remove(name, tenant)).isInstanceOf(ArchiveException.class);
        assertThat(redis.store.domains().find(registered.domain())).contains(registered);
        assertThat(aws.archive.find(registered.domain())).contains(registered);
    }

    @Test
    void aRemovalWhoseFinalDeleteFailsSucceedsAndLeavesOnlyATombstone() throws Exception {
        String name = domain();
        service().register(name, tenant, ORIGIN);
        aws.archive.failRemoves = true;

        assertThat(service().remove(name, tenant).status()).isEqualTo(DomainStatus.REMOVED);
        assertThat(redis.store.domains().find(DomainName.ofTrusted(name))).isEmpty();
        assertThat(aws.archive.find(DomainName.ofTrusted(name))).hasValueSatisfying(
                r -> assertThat(r.status()).isEqualTo(DomainStatus.REMOVED));
    }
}
