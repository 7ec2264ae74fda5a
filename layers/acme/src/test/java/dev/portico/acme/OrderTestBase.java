package dev.portico.acme;

import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The set-up of tests that run whole orders against the local Pebble: an account, and a responder on Pebble's
 * validation port answering HTTP-01 from a recording store on the shared Redis. One responder per test class, as only
 * one process can hold the validation port; test classes run one at a time, so the static fields are never shared.
 */
abstract class OrderTestBase {
    static RecordingChallengeStore store;
    static Http01Responder responder;
    static AcmeAccount account;
    private static RedisStore redis;
    private static AcmeClient client;

    @BeforeAll
    static void startResponderAndAccount() throws Exception {
        redis = RedisStore.open(RedisSettings.of(LocalServices.redisUri()));
        store = new RecordingChallengeStore(redis.challenges());
        responder = Http01Responder.start(LocalServices.http01Port(), store);
        client = AcmeClient.create(Pebble.settings());
        account = client.account(AcmeKeys.generateEcP256()).agreeToTermsOfService().findOrCreate();
    }

    @AfterAll
    static void stopResponderAndAccount() {
        if (client != null) {
            client.close();
        }
        if (responder != null) {
            responder.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
