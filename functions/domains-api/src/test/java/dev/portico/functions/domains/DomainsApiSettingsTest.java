package dev.portico.functions.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainsApiSettingsTest {
    private final Map<String, String> env = new HashMap<>(Map.of(
            "ISSUANCE_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/issuance",
            "EDGE_EVENTS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:edge-events"));

    private DomainsApiSettings settings() {
        return DomainsApiSettings.fromEnvironment(env::get);
    }

    @Test
    void defaultsAreStrictWithTheDefaultQuotas() {
        DomainsApiSettings s = settings();
        assertThat(s.issuanceQueueUrl()).endsWith("/issuance");
        assertThat(s.edgeEventsTopicArn()).endsWith(":edge-events");
        assertThat(s.policy().maxDomainsPerTenant()).isEqualTo(1000);
        assertThat(s.policy().registrationsPerMinute()).isEqualTo(60);
        assertThat(s.policy().origins().allowPrivate()).isFalse();
        assertThat(s.policy().names().extraSuffixes()).isEmpty();
        assertThat(s.policy().names().platformDomain()).isEmpty();
    }

    @Test
    void localRunsCanAllowTestNamesAndPrivateOrigins() {
        env.putAll(Map.of("PORTICO_EXTRA_SUFFIXES", " test, Localhost ", "PORTICO_ALLOW_PRIVATE_ORIGINS", "TRUE",
                "PORTICO_PLATFORM_DOMAIN", "saas.example.com", "PORTICO_MAX_DOMAINS_PER_TENANT", "5",
                "PORTICO_REGISTRATIONS_PER_MINUTE", "2"));
        DomainsApiSettings s = settings();
        assertThat(s.policy().names().extraSuffixes()).containsExactlyInAnyOrder("test", "localhost");
        assertThat(s.policy().names().platformDomain()).contains("saas.example.com");
        assertThat(s.policy().origins().allowPrivate()).isTrue();
        assertThat(s.policy().maxDomainsPerTenant()).isEqualTo(5);
        assertThat(s.policy().registrationsPerMinute()).isEqualTo(2);
    }

    @Test
    void aMissingOrWrongValueNamesTheVariable() {
        env.remove("ISSUANCE_QUEUE_URL");
        assertThatThrownBy(this::settings).hasMessageContaining("ISSUANCE_QUEUE_URL");
        env.put("ISSUANCE_QUEUE_URL", "https://sqs/q");
        env.put("PORTICO_MAX_DOMAINS_PER_TENANT", "0");
        assertThatThrownBy(this::settings).hasMessageContaining("PORTICO_MAX_DOMAINS_PER_TENANT");
        env.put("PORTICO_MAX_DOMAINS_PER_TENANT", "10");
        env.put("PORTICO_ALLOW_PRIVATE_ORIGINS", "yes");
        assertThatThrownBy(this::settings).hasMessageContaining("PORTICO_ALLOW_PRIVATE_ORIGINS");
        env.put("PORTICO_ALLOW_PRIVATE_ORIGINS", "false");
        env.put("PORTICO_EXTRA_SUFFIXES", "te st");
        assertThatThrownBy(this::settings).hasMessageContaining("PORTICO_EXTRA_SUFFIXES");
    }
}
