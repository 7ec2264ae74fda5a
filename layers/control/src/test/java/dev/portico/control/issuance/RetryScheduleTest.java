package dev.portico.control.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Duration BASE = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofMinutes(15);

    @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
    @CsvSource({
            // attempt, random, expected ms: the step doubles from 30 s; the wait is in [step/2, step)
            "1,   0.0,   15000",
            "1,   0.5,   22500",
            "1,   0.999, 29985",
            "2,   0.0,   30000",
            "2,   0.5,   45000",
            "3,   0.0,   60000",
            "5,   0.5,   360000",
            "6,   0.0,   450000",
            // from attempt 6 the step is capped at 15 min
            "6,   0.5,   675000",
            "7,   0.5,   675000",
            "10,  0.999, 899550",
            "64,  0.0,   450000",
            "2147483647, 0.0, 450000",
            // a broken random source cannot escape the bounds
            "1,   -3,    15000",
            "1,   1.0,   29999",
    })
    void exponentialWithJitterInTheUpperHalfOfEachStep(int attempt, double random, long expectedMillis) {
        assertThat(RetrySchedule.delay(BASE, CAP, attempt, random)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest(name = "pending {0} min, random {1} -> {2} ms")
    @CsvSource({
            // a quarter of the time pending, between 30 s and 15 min, spread like the attempts
            "0,    0.0, 15000",
            "1,    0.0, 15000",
            "4,    0.0, 30000",
            "20,   0.0, 150000",
            "20,   0.5, 225000",
            "60,   0.0, 450000",
            "4320, 0.0, 450000",
            "4320, 0.5, 675000",
    })
    void pendingDnsChecksSlowDownAsTheWaitGrows(long pendingMinutes, double random, long expectedMillis) {
        assertThat(RetrySchedule.pendingDelay(BASE, CAP, Duration.ofMinutes(pendingMinutes), random))
                .isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void neverATightLoopWhateverTheRandomSourceSays() {
        RetrySchedule schedule = RetrySchedule.standard();
        List<Duration> lowerBounds = new ArrayList<>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            for (int i = 0; i < 200; i++) {
                Duration d = schedule.delay(attempt);
                assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(15)).isLessThanOrEqualTo(CAP);
            }
            lowerBounds.add(RetrySchedule.delay(BASE, CAP, attempt, 0.0));
        }
        assertThat(lowerBounds).isSorted();
    }

    @Test
    void refusesSettingsThatCouldLoop() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, CAP, () -> 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(CAP, BASE, () -> 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.delay(BASE, CAP, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
