package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoreUnavailableException;
import dev.portico.store.redis.testing.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/** Redis answers, but with an error retrying will not fix: the message says what to do, and nothing is half-written. */
class RedisServerErrorsIT {
    private static final OriginUrl ORIGIN = OriginUrl.ofTrusted("https://origin.example.net");

    @TempDir
    Path dir;

    private static StoreException assertPlainStoreException(Executable call) {
        StoreException e = assertThrows(StoreException.class, call);
        assertThat(e).isNotInstanceOf(StoreUnavailableException.class);
        return e;
    }

    @Test
    void outOfMemoryIsReportedAsSuchAndWritesNothing() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir, "--maxmemory", "1mb",
                "--maxmemory-policy", "noeviction");
                RedisClient raw = RedisClient.create(server.uri());
                RedisStore store = RedisStore.open(RedisSettings.of(server.uri()))) {
            fillUntilOutOfMemory(raw);
            DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));

            StoreException e = assertPlainStoreException(() -> store.domains().create(record));
            assertThat(e.getMessage()).contains("out of memory").contains("nothing was written")
                    .contains(server.port() + "");
            assertThat(raw.exists(store.keys().domain(record.domain()))).isFalse();
            assertThat(raw.exists(store.keys().tenantDomains(record.tenant()))).isFalse();
            assertThat(store.domains().find(record.domain())).as("reads still work").isEmpty();

            String token = TestNames.token();
            assertPlainStoreException(() -> store.challenges().put(
                    new Http01Challenge(token, record.domain(), token + ".x"), Duration.ofMinutes(1)));
            assertThat(raw.exists(store.keys().http01(token))).isFalse();
            assertPlainStoreException(() -> store.certificates().put(
                    RedisCertificateStoreIT.certificate(record.domain(), "01")));
            assertPlainStoreException(() -> store.locks().tryAcquire(record.domain(), Duration.ofMinutes(1)));
            assertThat(raw.exists(store.keys().certificate(record.domain()), store.keys().issueLock(record.domain())))
                    .isZero();
        }
    }

    private static void fillUntilOutOfMemory(RedisClient raw) {
        String kilobyte = "x".repeat(1024);
        for (int i = 0; i < 100_000; i++) {
            try {
                raw.set("filler:" + i, kilobyte);
            } catch (JedisDataException e) {
                assertThat(e.getMessage()).startsWith("OOM");
                return;
            }
        }
        throw new AssertionError("maxmemory 1mb never ran out");
    }

    @Test
    void authenticationProblemsSayWhichSettingToFix() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start(dir, "--requirepass", "right-pw",
                "--user", "portico", "on", ">portico-pw", "~*", "+@all",
                "--user", "reader", "on", ">reader-pw", "~*", "+@read")) {
            RedisSettings base = RedisSettings.of(server.uri());
            for (RedisSettings wrong : new RedisSettings[] {base,
                    base.withCredentials(Optional.empty(), "wrong-pw"),
                    base.withCredentials(Optional.of("portico"), "wrong-pw")}) {
                try (RedisStore store = RedisStore.open(wrong)) {
                    StoreException e = assertPlainStoreException(() -> store.domains().find(TestNames.domain()));
                    assertThat(e.getMessage()).contains("refused authentication").contains("PORTICO_REDIS_PASSWORD")
                            .doesNotContain("wrong-pw");
                }
            }
            try (RedisStore reader = RedisStore.open(base.withCredentials(Optional.of("reader"), "reader-pw"))) {
                StoreException e = assertPlainStoreException(() -> reader.locks().tryAcquire(TestNames.domain(),
                        Duration.ofSeconds(1)));
                assertThat(e.getMessage()).contains("NOPERM");
            }
            for (RedisSettings right : new RedisSettings[] {base.withCredentials(Optional.empty(), "right-pw"),
                    base.withCredentials(Optional.of("portico"), "portico-pw")}) {
                try (RedisStore store = RedisStore.open(right)) {
                    DomainRecord record = DomainRecord.register(TestNames.domain(), TestNames.tenant(), ORIGIN,
                            Instant.now().truncatedTo(ChronoUnit.MILLIS));
                    assertThat(store.domains().create(record)).isTrue();
                    assertThat(store.domains().find(record.domain())).contains(record);
                }
            }
        }
    }
}
