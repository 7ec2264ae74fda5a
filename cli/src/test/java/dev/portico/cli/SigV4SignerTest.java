package dev.portico.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SigV4SignerTest {
    @Test
    void signsForExecuteApiInTheUrlsRegion() {
        URI api = URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/domains");
        assertThat(SigV4Signer.regionOf(api)).contains("eu-west-1");
        assertThat(SigV4Signer.regionOf(URI.create("http://127.0.0.1:8080"))).isEmpty();

        SigV4Signer signer = new SigV4Signer(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), "eu-west-1");
        Map<String, String> signed = signer.sign("POST", api, Map.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(signed.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/execute-api/aws4_request")
                .contains("SignedHeaders=").contains("Signature=");
        assertThat(signed).containsKey("X-Amz-Date").doesNotContainKey("Host");
        assertThat(signed.get("content-type")).isEqualTo("application/json");
    }
}
