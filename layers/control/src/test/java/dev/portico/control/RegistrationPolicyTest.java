package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationPolicyTest {
    @Test
    void defaultsAreAThousandDomainsAndSixtyRegistrationsPerMinute() {
        RegistrationPolicy policy = RegistrationPolicy.defaults();
        assertThat(policy.maxDomainsPerTenant()).isEqualTo(1000);
        assertThat(policy.registrationsPerMinute()).isEqualTo(60);
        assertThat(policy.origins().allowPrivate()).isFalse();
    }

    @Test
    void quotasBelowOneAreRefused() {
        assertThatThrownBy(() -> RegistrationPolicy.defaults().withMaxDomainsPerTenant(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDomainsPerTenant");
        assertThatThrownBy(() -> RegistrationPolicy.defaults().withRegistrationsPerMinute(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("registrationsPerMinute");
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndIsAtLeastOne() {
        TenantId tenant = new TenantId("acme");
        assertThat(QuotaExceededException.rate(tenant, 60, Duration.ofMillis(1)).getRetryAfterSeconds()).contains(1L);
        assertThat(QuotaExceededException.rate(tenant, 60, Duration.ofMillis(1001)).getRetryAfterSeconds())
                .contains(2L);
        assertThat(QuotaExceededException.rate(tenant, 60, Duration.ofSeconds(30)).getRetryAfterSeconds())
                .contains(30L);
        assertThat(QuotaExceededException.domainCap(tenant, 5).getRetryAfterSeconds()).isEmpty();
    }

    @Test
    void rateBucketsIgnoreTheCaseOfTheTenant() {
        assertThat(RegistrationQuotas.bucket(new TenantId("Acme.Corp_1"))).isEqualTo("register:tenant:acme.corp_1");
    }
}
