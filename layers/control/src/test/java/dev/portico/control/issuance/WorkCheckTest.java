package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequest.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkCheckTest {
    private static final DomainName SHOP = DomainName.ofTrusted("shop.example.org");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @ParameterizedTest(name = "{0}, {1}, updated {2} min after the request, renew in {3} min -> work: {4}")
    @CsvSource({
            // status, reason, record updated (min, relative to firstAsked), renewAt (min from now; empty: none), work?
            "ABSENT,      REGISTERED, 0,   ,     false",
            "REMOVED,     REGISTERED, -10, ,     false",
            "PENDING_DNS, REGISTERED, 0,   ,     true",
            "PENDING_DNS, RETRY,      30,  ,     true",
            "VALIDATING,  RETRY,      5,   ,     true",
            "ISSUING,     RETRY,      5,   ,     true",
            // a failure after the request answered it; a registration after the failure asks anew
            "FAILED,      RETRY,      5,   ,     false",
            "FAILED,      REGISTERED, 0,   ,     false",
            "FAILED,      REGISTERED, -1,  ,     true",
            // a valid certificate: only a due renewal, or an early renewal not yet answered, is work
            "ACTIVE,      REGISTERED, 5,   600,  false",
            "ACTIVE,      RETRY,      -5,  600,  false",
            "ACTIVE,      REGISTERED, 5,   0,    true",
            "ACTIVE,      RENEWAL,    -5,  -1,   true",
            "ACTIVE,      RENEWAL,    -5,  600,  true",
            "ACTIVE,      RENEWAL,    5,   600,  false",
            "RENEWING,    RENEWAL,    5,   600,  true",
            "RENEWING,    RETRY,      5,   -60,  true",
    })
    void decidesWhetherARequestStillHasWork(String status, Reason reason, long updatedAfterAskedMinutes,
            Long renewInMinutes, boolean work) {
        Instant firstAsked = NOW.minus(Duration.ofHours(1));
        IssuanceRequest request = new IssuanceRequest(SHOP, reason, 3, firstAsked);
        Optional<DomainRecord> record = status.equals("ABSENT") ? Optional.empty()
                : Optional.of(record(DomainStatus.valueOf(status), firstAsked.plus(
                        Duration.ofMinutes(updatedAfterAskedMinutes)), renewInMinutes));

        Optional<String> skip = WorkCheck.skipReason(record, request, NOW);

        assertThat(skip.isEmpty()).as("work needed (skip reason: %s)", skip).isEqualTo(work);
        skip.ifPresent(why -> assertThat(why).contains("shop.example.org"));
    }

    private static DomainRecord record(DomainStatus status, Instant updated, Long renewInMinutes) {
        Optional<Instant> renewAt = Optional.ofNullable(renewInMinutes).map(m -> NOW.plus(Duration.ofMinutes(m)));
        Optional<CertificateSummary> cert = renewAt.map(at -> new CertificateSummary("0a", NOW.minus(Duration.ofDays(
                60)), NOW.plus(Duration.ofDays(30))));
        return new DomainRecord(SHOP, new TenantId("acme"), OriginUrl.ofTrusted("https://origin.example.net"), status,
                status == DomainStatus.FAILED ? Optional.of("it broke") : Optional.empty(), cert, renewAt,
                updated.minus(Duration.ofDays(90)), updated);
    }
}
