package dev.portico.cli;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 for API Gateway (service {@code execute-api}), credentials from the SDK's default chain (environment,
 * profile, SSO, instance role), as the AWS CLI finds them.
 */
final class SigV4Signer implements RequestSigner {
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;

    SigV4Signer(String region) {
        this(DefaultCredentialsProvider.builder().build(), region);
    }

    SigV4Signer(AwsCredentialsProvider credentials, String region) {
        this.credentials = credentials;
        this.region = region;
    }

    @Override
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        headers.forEach(request::putHeader);
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(body)))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        SdkHttpRequest result = signed.request();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : result.headers().entrySet()) {
            // The JDK client sets Host itself and refuses it as a header.
            if (!h.getKey().equalsIgnoreCase("host")) {
                out.put(h.getKey(), String.join(",", h.getValue()));
            }
        }
        return out;
    }

    /** The region of an API Gateway URL ({@code https://<id>.execute-api.<region>.amazonaws.com}), if it is one. */
    static java.util.Optional<String> regionOf(URI api) {
        String host = api.getHost() == null ? "" : api.getHost();
        String[] labels = host.split("\\.");
        for (int i = 0; i + 1 < labels.length; i++) {
            if (labels[i].equals("execute-api")) {
                return java.util.Optional.of(labels[i + 1]);
            }
        }
        return java.util.Optional.empty();
    }
}
