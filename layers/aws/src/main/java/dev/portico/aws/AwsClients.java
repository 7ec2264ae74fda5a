package dev.portico.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the SDK clients Portico uses, all with the same bounded behaviour: connect and per-attempt timeouts, an
 * overall call timeout, and at most three attempts with the SDK's jittered backoff.
 *
 * <p>{@link #fromEnvironment()} leaves endpoint, region and credentials to the SDK's standard settings
 * ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, roles), so the same code reaches AWS, LocalStack or moto.
 * {@link #withEndpoint} names them explicitly, for tests and the local runner.
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_ATTEMPTS = 3;
    /** SQS's longest receive wait. */
    public static final Duration LONG_POLL = Duration.ofSeconds(20);

    private final Optional<URI> endpoint;
    private final Optional<Region> region;
    private final Optional<AwsCredentialsProvider> credentials;

    private AwsClients(Optional<URI> endpoint, Optional<Region> region, Optional<AwsCredentialsProvider> credentials) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    public static AwsClients fromEnvironment() {
        Optional<URI> override = Optional.ofNullable(System.getenv("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank())
                .map(URI::create);
        return new AwsClients(override, Optional.empty(), Optional.empty());
    }

    /**
     * From an explicit environment with the SDK's variable names ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION},
     * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}); whatever is absent falls
     * back to the SDK's defaults. The local runner passes the emulator's settings this way, the same names Lambda
     * sees. Lambda's keys are temporary (the execution role's) and only valid with their session token, so the token
     * is kept with them when set; with SnapStart none of the three is set and the SDK's default chain finds the
     * container credentials instead.
     */
    public static AwsClients fromEnvironment(Function<String, String> env) {
        Optional<URI> endpoint = nonBlank(env, "AWS_ENDPOINT_URL").map(URI::create);
        Optional<Region> region = nonBlank(env, "AWS_REGION").map(Region::of);
        Optional<String> keyId = nonBlank(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = nonBlank(env, "AWS_SECRET_ACCESS_KEY");
        Optional<String> token = nonBlank(env, "AWS_SESSION_TOKEN");
        Optional<AwsCredentialsProvider> credentials = keyId.isPresent() && secret.isPresent()
                ? Optional.of(StaticCredentialsProvider.create(token.isPresent()
                        ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                        : AwsBasicCredentials.create(keyId.get(), secret.get())))
                : Optional.empty();
        return new AwsClients(endpoint, region, credentials);
    }

    /** The credentials given explicitly, if any (otherwise the SDK's default chain decides). */
    Optional<AwsCredentialsProvider> credentials() {
        return credentials;
    }

    private static Optional<String> nonBlank(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).filter(s -> !s.isBlank());
    }

    public static AwsClients withEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return new AwsClients(Optional.of(endpoint), Optional.of(region), Optional.of(credentials));
    }

    public KmsClient kms() {
        return configure(KmsClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    /**
     * SNS in the topic's own region, taken from its ARN: an edge-only stack in another region subscribes its queues
     * to the control plane's topic, and SNS takes a subscription only in the topic's region.
     */
    public SnsClient snsFor(String topicArn) {
        Optional<Region> topicRegion = regionOf(topicArn);
        SnsClientBuilder builder = configure(SnsClient.builder());
        topicRegion.ifPresent(builder::region);
        return builder.build();
    }

    /** The region field of an ARN ({@code arn:partition:service:region:account:resource}); empty when it has none. */
    static Optional<Region> regionOf(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || parts[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Region.of(parts[3]));
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    /**
     * For long polls (an edge proxy's event queue): the socket waits past SQS's 20-second receive, the other
     * timeouts and retries as everywhere.
     */
    public SqsClient sqsForLongPolling() {
        SqsClientBuilder builder = configure(SqsClient.builder());
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(LONG_POLL.plusSeconds(6))
                .apiCallTimeout(LONG_POLL.plusSeconds(20))
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .build());
        builder.httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(LONG_POLL.plusSeconds(5)).build());
        return builder.build();
    }

    /** Path-style addressing when an endpoint is given: emulators on 127.0.0.1 have no per-bucket host names. */
    public S3Client s3() {
        return configure(S3Client.builder()).forcePathStyle(endpoint.isPresent()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .build());
        builder.httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT).build());
        endpoint.ifPresent(builder::endpointOverride);
        region.ifPresent(builder::region);
        credentials.ifPresent(builder::credentialsProvider);
        return builder;
    }
}
