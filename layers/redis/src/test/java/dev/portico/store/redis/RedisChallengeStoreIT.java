package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisChallengeStoreIT {
    private SharedRedis redis;
    private ChallengeStore challenges;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        challenges = redis.store.challenges();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private static Http01Challenge challenge(DomainName domain) {
        String token = TestNames.token();
        return new Http01Challenge(token, domain, token + ".thumbprint-" + TestNames.random8());
    }

    @Test
    void answerExistsUntilTheTtlRunsOut() throws Exception {
        Http01Challenge c = challenge(TestNames.domain());
        challenges.put(c, Duration.ofMillis(300));
        assertThat(challenges.answer(c.token(), c.domain().ascii())).contains(c.keyAuthorization());
        assertThat(redis.raw.pttl(redis.keys.http01(c.token()))).isBetween(1L, 300L);

        Instant deadline = Instant.now().plusSeconds(3);
        Optional<String> answer;
        do {
            Thread.sleep(50);
            answer = challenges.answer(c.token(), c.domain().ascii());
        } while (answer.isPresent() && Instant.now().isBefore(deadline));
        assertThat(answer).as("answer after its TTL").isEmpty();
    }

    @Test
    void answersOnlyTheHostTheTokenWasIssuedFor() throws StoreException {
        Http01Challenge c = challenge(TestNames.domain());
        challenges.put(c, Duration.ofMinutes(1));
        assertThat(challenges.answer(c.token(), TestNames.domain().ascii())).isEmpty();
        assertThat(challenges.answer(c.token(), "evil-" + c.domain().ascii())).isEmpty();
        assertThat(challenges.answer(c.token(), null)).isEmpty();
        assertThat(challenges.answer(TestNames.token(), c.domain().ascii())).isEmpty();
        assertThat(challenges.answer("../" + c.token(), c.domain().ascii())).isEmpty();
    }

    @Test
    void hostWithPortCaseOrTrailingDotStillMatches() throws StoreException {
        Http01Challenge c = challenge(TestNames.domain());
        challenges.put(c, Duration.ofMinutes(1));
        String upper = c.domain().ascii().toUpperCase(java.util.Locale.ROOT);
        assertThat(challenges.answer(c.token(), upper + ":5002")).contains(c.keyAuthorization());
        assertThat(challenges.answer(c.token(), c.domain().ascii() + ".")).contains(c.keyAuthorization());
    }

    @Test
    void removedAnswerIsGone() throws StoreException {
        Http01Challenge c = challenge(TestNames.domain());
        challenges.put(c, Duration.ofMinutes(1));
        challenges.remove(c.token());
        assertThat(challenges.answer(c.token(), c.domain().ascii())).isEmpty();
        assertThat(redis.allKeys()).isEmpty();
    }
}
