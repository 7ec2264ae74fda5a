package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.store.AccountKeyStore;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.testing.SharedRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisAccountKeysIT {
    private static final String DIRECTORY = "https://acme.example/dir";

    private SharedRedis redis;
    private AccountKeyStore accounts;

    @BeforeEach
    void open() throws StoreException {
        redis = SharedRedis.open();
        accounts = redis.store.accountKeys();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void theFirstKeyWinsAndLaterOnesChangeNothing() throws StoreException {
        SealedKey first = SealedKey.fromBytes(new byte[] {1, 2, 3});
        SealedKey second = SealedKey.fromBytes(new byte[] {4, 5, 6});
        assertThat(accounts.find(DIRECTORY)).isEmpty();

        assertThat(accounts.createIfAbsent(DIRECTORY, first)).isTrue();
        assertThat(accounts.createIfAbsent(DIRECTORY, second)).isFalse();

        assertThat(accounts.find(DIRECTORY)).contains(first);
        assertThat(redis.raw.get(redis.keys.acmeAccount(DIRECTORY))).isEqualTo(first.toBase64());
    }

    @Test
    void eachDirectoryHasItsOwnKey() throws StoreException {
        SealedKey staging = SealedKey.fromBytes(new byte[] {7});
        accounts.createIfAbsent(DIRECTORY, staging);
        assertThat(accounts.find(DIRECTORY + "/other")).isEmpty();
    }
}
