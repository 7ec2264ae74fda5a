package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.crypto.SealedKey;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account key is the account: kept sealed and loaded back, it finds the same account, even from a new client. */
class AcmeAccountIT {

    @Test
    void theSameKeyFindsTheSameAccountAfterASealedRoundTrip(@TempDir Path dir) throws Exception {
        KeyPair key = AcmeKeys.generateEcP256();
        AcmeAccount first;
        try (AcmeClient client = AcmeClient.create(Pebble.settings())) {
            first = client.account(key).agreeToTermsOfService().findOrCreate();
            assertThat(client.account(key).agreeToTermsOfService().findOrCreate().location())
                    .isEqualTo(first.location());
        }

        // As a caller stores it: PKCS#8, sealed, bound to the account's CA directory.
        KeyEnvelope envelope = KeyEnvelope.withDefaults(LocalDataKeyProvider.fromFile(dir.resolve("master.key")));
        String ca = "acme-account:" + Pebble.settings().directory();
        SealedKey sealed = envelope.seal(AcmeKeys.toPkcs8(key), ca);
        KeyPair loaded = AcmeKeys.fromPkcs8(envelope.open(SealedKey.fromBase64(sealed.toBase64()), ca));
        assertThat(loaded.getPublic().getEncoded()).isEqualTo(key.getPublic().getEncoded());

        try (AcmeClient coldStart = AcmeClient.create(Pebble.settings())) {
            AcmeAccount again = coldStart.account(loaded).agreeToTermsOfService().findOrCreate();
            assertThat(again.location()).isEqualTo(first.location());
            assertThat(coldStart.account(loaded).findExisting()).map(AcmeAccount::location)
                    .contains(first.location());
        }
    }

    @Test
    void findExistingDoesNotCreateAnAccount() throws Exception {
        try (AcmeClient client = AcmeClient.create(Pebble.settings())) {
            KeyPair unknown = AcmeKeys.generateEcP256();
            assertThat(client.account(unknown).findExisting()).isEmpty();
            // Asked twice: the first lookup must not have created it.
            assertThat(client.account(unknown).findExisting()).isEmpty();
        }
    }

    @Test
    void refusesToCreateWithoutAgreeingToTheTermsTheCaPublishes() throws Exception {
        try (AcmeClient client = AcmeClient.create(Pebble.settings())) {
            assertThat(client.termsOfService()).isPresent();
            assertThatThrownBy(() -> client.account(AcmeKeys.generateEcP256()).findOrCreate())
                    .isInstanceOf(AcmeConfigurationException.class)
                    .hasMessageContaining("agreeToTermsOfService()");
        }
    }
}
