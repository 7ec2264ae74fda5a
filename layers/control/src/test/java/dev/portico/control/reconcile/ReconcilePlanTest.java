package dev.portico.control.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.control.issuance.RenewalWindow;
import dev.portico.control.reconcile.ReconcilePlan.Kind;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoredCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ReconcilePlan} as a row: what the archive and the store hold, and what is done. */
class ReconcilePlanTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant ISSUED = NOW.minus(Duration.ofDays(10));
    private static final DomainName NAME = DomainName.ofTrusted("plan.example.com");
    private static final TenantId ACME = new TenantId("acme");

    private static DomainRecord pending(Instant at) {
        return DomainRecord.register(NAME, ACME, OriginUrl.ofTrusted("https://o.example.net"), at);
    }

    private static StoredCertificate cert(String serial, Instant notBefore, Duration validity) {
        return new StoredCertificate(NAME, "chain", SealedKey.fromBytes(new byte[] {1, 2, 3}), serial, notBefore,
                notBefore.plus(validity));
    }

    private static final StoredCertificate VALID = cert("aa", ISSUED, Duration.ofDays(90));
    private static final StoredCertificate EXPIRED = cert("aa", NOW.minus(Duration.ofDays(100)), Duration.ofDays(90));
    private static final DomainRecord ACTIVE = pending(ISSUED).withCertificate(
            new CertificateSummary("aa", VALID.notBefore(), VALID.notAfter()),
            RenewalWindow.renewAt(VALID.notBefore(), VALID.notAfter()), ISSUED.plusSeconds(5));

    record Row(String name, DomainRecord archived, Optional<StoredCertificate> cert, Optional<DomainRecord> serving,
            Kind kind, boolean writes, boolean putsCert, boolean requestsIssue) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        DomainRecord tombstone = ACTIVE.withStatus(DomainStatus.REMOVED, "removed", NOW);
        DomainRecord newerServing = ACTIVE.withStatus(DomainStatus.VALIDATING, null, NOW);
        DomainRecord olderServing = pending(ISSUED);
        DomainRecord otherTenant = new DomainRecord(NAME, new TenantId("other"), ACTIVE.origin(),
                DomainStatus.PENDING_DNS, Optional.empty(), Optional.empty(), Optional.empty(), ISSUED, ISSUED);
        return Stream.of(
                new Row("tombstone is never restored", tombstone, Optional.of(VALID), Optional.empty(),
                        Kind.SKIP_REMOVED, false, false, false),
                new Row("newer serving record is kept", ACTIVE, Optional.of(VALID), Optional.of(newerServing),
                        Kind.UNCHANGED, false, false, false),
                new Row("equal serving record is kept", ACTIVE, Optional.of(VALID), Optional.of(ACTIVE),
                        Kind.UNCHANGED, false, false, false),
                new Row("another tenant's record is kept", ACTIVE, Optional.of(VALID), Optional.of(otherTenant),
                        Kind.UNCHANGED, false, false, false),
                new Row("lost active domain comes back with its certificate", ACTIVE, Optional.of(VALID),
                        Optional.empty(), Kind.RESTORE, true, true, false),
                new Row("older serving record is replaced", ACTIVE, Optional.of(VALID), Optional.of(olderServing),
                        Kind.REPLACE_OLDER, true, true, false),
                new Row("expired certificate: pending and re-requested", ACTIVE, Optional.of(EXPIRED),
                        Optional.empty(), Kind.RESTORE, true, false, true),
                new Row("missing certificate: pending and re-requested", ACTIVE, Optional.empty(), Optional.empty(),
                        Kind.RESTORE, true, false, true),
                new Row("never had a certificate: pending and requested", pending(ISSUED), Optional.of(VALID),
                        Optional.empty(), Kind.RESTORE, true, false, true),
                new Row("failed stays failed, not requested", pending(ISSUED).withStatus(DomainStatus.FAILED,
                        "CAA forbids", ISSUED), Optional.empty(), Optional.empty(), Kind.RESTORE, true, false, false))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        ReconcilePlan plan = ReconcilePlan.decide(row.archived(), row.cert(), row.serving(), NOW);
        assertThat(plan.kind()).isEqualTo(row.kind());
        assertThat(plan.write().isPresent()).isEqualTo(row.writes());
        assertThat(plan.certificate().isPresent()).isEqualTo(row.putsCert());
        assertThat(plan.requestIssue()).isEqualTo(row.requestsIssue());
        assertThat(plan.replace()).isEqualTo(row.kind() == Kind.REPLACE_OLDER);
        plan.write().filter(r -> row.requestsIssue()).ifPresent(r -> {
            assertThat(r.status()).isEqualTo(DomainStatus.PENDING_DNS);
            assertThat(r.certificate()).isEmpty();
            assertThat(r.renewAt()).isEmpty();
            assertThat(r.updatedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aRestoredActiveDomainIsExactlyTheArchivedOneScheduledAtItsRenewAt() {
        ReconcilePlan plan = ReconcilePlan.decide(ACTIVE, Optional.of(VALID), Optional.empty(), NOW);
        assertThat(plan.write()).contains(ACTIVE);
        assertThat(plan.certificate()).contains(VALID);
        assertThat(plan.renewAt()).isEqualTo(ACTIVE.renewAt());
    }

    @Test
    void aCertificateNewerThanTheRecordIsTheOneServedAndTheRecordSaysSo() {
        StoredCertificate renewed = cert("bb", NOW.minus(Duration.ofDays(1)), Duration.ofDays(90));
        ReconcilePlan plan = ReconcilePlan.decide(ACTIVE, Optional.of(renewed), Optional.empty(), NOW);
        DomainRecord written = plan.write().orElseThrow();
        assertThat(written.certificate().orElseThrow().serial()).isEqualTo("bb");
        assertThat(written.status()).isEqualTo(DomainStatus.ACTIVE);
        assertThat(plan.renewAt()).contains(RenewalWindow.renewAt(renewed.notBefore(), renewed.notAfter()));
        assertThat(written.renewAt()).isEqualTo(plan.renewAt());
    }
}
