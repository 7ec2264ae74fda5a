package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules of renewal timing: the CA's suggested window, when to ask it again, and the failure ladder. */
class RenewalScheduleRulesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @ParameterizedTest(name = "current {0}, window {1}..{2}, random {3} -> {4}")
    @CsvSource({
            // current inside the window (in the future): kept, whatever the draw
            "2026-12-20T00:00:00Z, 2026-12-19T00:00:00Z, 2026-12-21T00:00:00Z, 0.9, 2026-12-20T00:00:00Z",
            // current after the window: a point inside it
            "2027-01-10T00:00:00Z, 2026-12-19T00:00:00Z, 2026-12-21T00:00:00Z, 0.0, 2026-12-19T00:00:00Z",
            "2027-01-10T00:00:00Z, 2026-12-19T00:00:00Z, 2026-12-21T00:00:00Z, 0.5, 2026-12-20T00:00:00Z",
            // current before the window (the CA wants a later renewal): follow the CA
            "2026-12-10T00:00:00Z, 2026-12-19T00:00:00Z, 2026-12-21T00:00:00Z, 0.25, 2026-12-19T12:00:00Z",
            // the window has started: drawn between now and its end
            "2027-01-10T00:00:00Z, 2026-12-01T00:00:00Z, 2026-12-03T12:00:00Z, 0.5, 2026-12-03T00:00:00Z",
            // the window has passed (revoked, mis-issued): now
            "2027-01-10T00:00:00Z, 2026-11-01T00:00:00Z, 2026-11-02T00:00:00Z, 0.5, 2026-12-02T12:00:00Z",
            "2027-01-10T00:00:00Z, 2026-11-01T00:00:00Z, 2026-12-02T12:00:00Z, 0.5, 2026-12-02T12:00:00Z",
            // a draw of 1.0 stays inside the window
            "2027-01-10T00:00:00Z, 2026-12-19T00:00:00Z, 2026-12-21T00:00:00Z, 1.0, 2026-12-20T23:59:59.999Z",
    })
    void renewAtFollowsTheSuggestedWindow(Instant current, Instant start, Instant end, double random,
            Instant expected) {
        assertThat(RenewalWindow.followSuggestion(current, start, end, NOW, random)).isEqualTo(expected);
    }

    @Test
    void aWindowEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> RenewalWindow.followSuggestion(NOW, NOW.plusSeconds(10), NOW, NOW, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "Retry-After {0} -> next check after {1}")
    @CsvSource({
            // no Retry-After: every 6 hours
            ",        PT6H",
            "PT3H,    PT3H",
            // at least twice a day, whatever the CA says
            "PT48H,   PT12H",
            "PT12H,   PT12H",
            // never more than once a minute
            "PT5S,    PT1M",
            "-PT1H,   PT1M",
    })
    void renewalInformationIsAskedAgainAtLeastTwiceADay(Duration retryAfter, Duration expected) {
        assertThat(RenewalWindow.nextRenewalInfoCheck(NOW, Optional.ofNullable(retryAfter))).isEqualTo(NOW.plus(expected));
    }

    @ParameterizedTest(name = "failure {0}: {1} (spread {2}..{3})")
    @CsvSource({
            "1,  PT1M,     PT54S,     PT1M6S",
            "2,  PT10M,    PT9M,      PT11M",
            "3,  PT100M,   PT90M,     PT110M",
            "4,  P1D,      PT21H36M,  PT26H24M",
            "9,  P1D,      PT21H36M,  PT26H24M",
    })
    void failedRenewalsWaitAboutOneTenAHundredMinutesThenADay(int failures, Duration step, Duration low,
            Duration high) {
        assertThat(RenewalBackoff.delay(failures, 0.5)).isEqualTo(step);
        assertThat(RenewalBackoff.delay(failures, 0.0)).isEqualTo(low);
        assertThat(RenewalBackoff.delay(failures, 1.0)).isLessThanOrEqualTo(high).isGreaterThan(step);
    }

    @Test
    void theLadderStartsAtTheFirstFailure() {
        assertThatThrownBy(() -> RenewalBackoff.delay(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
