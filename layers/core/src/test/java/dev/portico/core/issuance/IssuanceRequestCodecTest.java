package dev.portico.core.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssuanceRequestCodecTest {
    private static final Instant T0 = Instant.parse("2026-11-23T18:00:00Z");

    @Test
    void roundTripsAndCountsAttempts() throws Exception {
        IssuanceRequest first = IssuanceRequest.first(DomainName.ofTrusted("shop.example.com"),
                IssuanceRequest.Reason.REGISTERED, T0);
        assertThat(IssuanceRequestCodec.decode(IssuanceRequestCodec.encode(first))).isEqualTo(first);
        IssuanceRequest retry = first.next().next();
        assertThat(retry.attempt()).isEqualTo(3);
        assertThat(retry.reason()).isEqualTo(IssuanceRequest.Reason.RETRY);
        assertThat(retry.firstAsked()).isEqualTo(T0);
        assertThat(IssuanceRequestCodec.decode(IssuanceRequestCodec.encode(retry))).isEqualTo(retry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "[]", "{}", "{\"domain\":\"shop.example.com\"}",
        "{\"domain\":\"Shop.example.com\",\"reason\":\"registered\",\"attempt\":1,\"firstAsked\":\"2026-11-23T18:00:00Z\"}",
        "{\"domain\":\"shop.example.com\",\"reason\":\"whatever\",\"attempt\":1,\"firstAsked\":\"2026-11-23T18:00:00Z\"}",
        "{\"domain\":\"shop.example.com\",\"reason\":\"registered\",\"attempt\":0,\"firstAsked\":\"2026-11-23T18:00:00Z\"}",
        "{\"domain\":\"shop.example.com\",\"reason\":\"registered\",\"attempt\":\"1\",\"firstAsked\":\"2026-11-23T18:00:00Z\"}",
        "{\"domain\":\"shop.example.com\",\"reason\":\"registered\",\"attempt\":1,\"firstAsked\":\"soon\"}"})
    void refusesMalformedMessages(String json) {
        assertThatThrownBy(() -> IssuanceRequestCodec.decode(json)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("issuance message");
    }
}
