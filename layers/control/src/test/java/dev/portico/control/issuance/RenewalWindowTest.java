package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

    @ParameterizedTest(name = "lifetime {0} -> renew {1} after issue")
    @CsvSource({
            // lifetime, renew after: a third left, or half for certificates under ten days
            "P90D,       P60D",
            "P45D,       P30D",
            "P30D,       P20D",
            "P10D,       PT160H",
            "PT239H,     PT119H30M",
            "P6D,        P3D",
            "PT160H,     PT80H",
            "PT1H,       PT30M",
            "PT6S,       PT3S",
            // Pebble's default five years
            "P1826D,     PT29216H",
    })
    void renewsWhenAThirdOfTheLifetimeIsLeftOrHalfForShortCertificates(Duration lifetime, Duration after) {
        assertThat(RenewalWindow.renewAt(T0, T0.plus(lifetime))).isEqualTo(T0.plus(after));
    }

    @Test
    void refusesAnEmptyValidity() {
        assertThatThrownBy(() -> RenewalWindow.renewAt(T0, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenewalWindow.renewAt(T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} left -> retry after {1}")
    @CsvSource({
            // time left on the current certificate, wait before the next renewal try
            "P30D,    P1D",
            "P2D,     PT12H",
            "PT8H,    PT2H",
            "PT2H,    PT1H",
            "PT30M,   PT30M",
            "PT0S,    PT1H",
            "-PT5H,   PT1H",
    })
    void aFailedRenewalIsTriedAgainWithinTheTimeLeft(Duration left, Duration wait) {
        assertThat(RenewalWindow.retryFailedRenewal(T0, T0.plus(left))).isEqualTo(T0.plus(wait));
    }
}
