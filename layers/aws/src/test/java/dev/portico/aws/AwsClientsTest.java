package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Which credentials an explicit environment gives the clients. */
class AwsClientsTest {

    @Test
    void lambdasTemporaryKeysKeepTheirSessionToken() {
        AwsCredentials credentials = AwsClients.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token")::get)
                .credentials().orElseThrow().resolveCredentials();

        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class,
                session -> assertThat(session.sessionToken()).isEqualTo("token"));
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAEXAMPLE");
    }

    @Test
    void longTermKeysAreUsedAsGiven() {
        AwsCredentials credentials = AwsClients.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret")::get).credentials().orElseThrow().resolveCredentials();

        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.secretAccessKey()).isEqualTo("secret");
    }

    @Test
    void withoutKeysTheSdksDefaultChainDecides() {
        // SnapStart: no key variables, container credentials found by the SDK.
        assertThat(AwsClients.fromEnvironment(Map.of("AWS_REGION", "us-east-1")::get).credentials()).isEmpty();
    }
}
