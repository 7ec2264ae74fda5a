package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeSettings;
import dev.portico.aws.AwsClients;
import dev.portico.aws.MasterKeys;
import dev.portico.aws.SqsEdgeEventSource;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.renewal.RenewalInfoSource;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.control.renewal.RenewalSettings;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.store.StoreException;
import dev.portico.edge.EdgeProxyConfig;
import dev.portico.edge.EdgeProxyServer;
import dev.portico.edge.EdgeSources;
import dev.portico.edge.events.EdgeEventListener;
import dev.portico.functions.domains.DomainsApiHandler;
import dev.portico.functions.issue.IssueCertificateHandler;
import dev.portico.functions.purge.PurgeCacheHandler;
import dev.portico.functions.renew.RenewCertificatesHandler;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Portico on one machine: creates the queues and topic, builds the DomainsApi, IssueCertificate and PurgeCache
 * functions from the environment Lambda would give them, routes API requests to them as the HTTP API's routes do,
 * feeds the issuance queue to its function as the event source mapping does, and runs the edge proxy's HTTP port
 * where the CA validates. Close it to stop everything and delete what it created.
 */
public final class LocalSystem implements AutoCloseable {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(29);
    private static final Duration ISSUE_TIMEOUT = Duration.ofMinutes(5);
    /** Events and responses as JSON, the way Lambda hands them to a stream handler and reads its answer. */
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, String> environment;
    private final LocalResources resources;
    private final RedisStore store;
    private final EdgeProxyServer edge;
    private final EdgeEventListener edgeEvents;
    private final SampleOrigin origin;
    private final DomainsApiHandler domainsApi;
    private final PurgeCacheHandler purgeCache;
    private final RenewCertificatesHandler renewCertificates;
    private final ScheduledExecutorService schedules = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("local-schedule").factory());
    private final SqsEventSource issuance;
    /** Clients made for {@link #renewalScheduler}, closed with the system. */
    private final java.util.List<AcmeClient> acmeClients = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalSystem(Map<String, String> environment, LocalResources resources, RedisStore store,
            EdgeProxyServer edge, EdgeEventListener edgeEvents, SampleOrigin origin, DomainsApiHandler domainsApi,
            PurgeCacheHandler purgeCache, RenewCertificatesHandler renewCertificates, SqsEventSource issuance) {
        this.environment = environment;
        this.resources = resources;
        this.store = store;
        this.edge = edge;
        this.edgeEvents = edgeEvents;
        this.origin = origin;
        this.domainsApi = domainsApi;
        this.purgeCache = purgeCache;
        this.renewCertificates = renewCertificates;
        this.issuance = issuance;
        // template.yaml: PurgeCacheFunction's EdgeQueueCleanUp and RenewCertificatesFunction's RenewalSchedule.
        every(LocalWiring.PURGE_CACHE, () -> scheduled(LocalWiring.PURGE_CACHE, purgeCache::handleRequest));
        every(LocalWiring.RENEW_CERTIFICATES,
                () -> scheduled(LocalWiring.RENEW_CERTIFICATES, renewCertificates::handleRequest));
    }

    private void every(String function, Runnable run) {
        long period = LocalWiring.period(LocalWiring.SCHEDULES.get(function)).toSeconds();
        schedules.scheduleAtFixedRate(run, period, period, TimeUnit.SECONDS);
    }

    /** A stream handler's entry point, as Lambda calls it. */
    @FunctionalInterface
    private interface StreamHandler {
        void handle(java.io.InputStream in, java.io.OutputStream out, com.amazonaws.services.lambda.runtime.Context c)
                throws IOException;
    }

    /** The schedule's event, as EventBridge sends it, through the function's entry point. */
    private void scheduled(String function, StreamHandler handler) {
        String event = "{\"version\":\"0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"detail-type\":"
                + "\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\"" + java.time.Instant.now()
                + "\",\"detail\":{}}";
        try {
            handler.handle(new ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new java.io.ByteArrayOutputStream(), new LocalLambdaContext(function, API_TIMEOUT));
        } catch (Exception e) {
            // As a failed scheduled invocation in AWS: logged, and the next run tries again.
            org.slf4j.LoggerFactory.getLogger(LocalSystem.class).warn("{} scheduled run failed: {}", function,
                    e.toString());
        }
    }

    /**
     * A renewal schedule with the given clock (tests move it past renew-at) and no spread, over this system's store,
     * queue and CA: what RenewCertificates runs, minus the waiting.
     */
    public RenewalScheduler renewalScheduler(java.time.Clock clock) throws Exception {
        AwsClients aws = AwsClients.fromEnvironment(environment::get);
        AcmeClient acme = AcmeClient.create(AcmeSettings.forDirectory(java.net.URI.create(
                environment.get("PORTICO_ACME_DIRECTORY"))).withTrustedCa(Path.of(
                environment.get("PORTICO_ACME_SERVER_CA"))));
        acmeClients.add(acme);
        return new RenewalScheduler(store.domains(), store.certificates(), store.renewals(), store.renewalFailures(),
                new SqsIssuanceQueue(aws.sqs(), environment.get("ISSUANCE_QUEUE_URL")), RenewalInfoSource.of(acme),
                clock, RenewalSettings.defaults().withSpread(Duration.ZERO), () -> 0.5);
    }

    /** The ports a run listens on besides port 80 (which is Pebble's); 0 picks free ones (tests). */
    public record Ports(int https, int admin, int origin) {
        public static Ports any() {
            return new Ports(0, 0, 0);
        }
    }

    /**
     * Starts against the services of {@code local/services}. {@code keyPrefix} keeps this run's Redis keys apart
     * from any other run's; the HTTP port is the one Pebble validates on.
     */
    public static LocalSystem start(String keyPrefix, Ports ports) throws Exception {
        String runId = LocalResources.newRunId();
        Map<String, String> env = baseEnvironment(keyPrefix);
        AwsClients aws = AwsClients.fromEnvironment(env::get);
        LocalResources resources = LocalResources.create(aws, runId);
        env.put("ISSUANCE_QUEUE_URL", resources.issuanceQueueUrl);
        env.put("EDGE_EVENTS_TOPIC_ARN", resources.edgeEventsTopicArn);
        env.put("PORTICO_RECORD_BUCKET", resources.recordBucket);

        RedisStore store = RedisStore.fromEnvironment(env::get);
        int httpPort = LocalServices.http01Port();
        KeyEnvelope envelope = KeyEnvelope.withDefaults(MasterKeys.fromEnvironment(env::get));
        EdgeProxyServer edge = new EdgeProxyServer(EdgeProxyConfig.defaults()
                .withListeners(InetAddress.getLoopbackAddress(), httpPort, ports.https())
                .withAdminPort(ports.admin()), EdgeSources.of(store, envelope));
        edge.start();
        // As in AWS: the proxy's own queue on the edge-events topic.
        EdgeEventListener edgeEvents = EdgeEventListener.start(SqsEdgeEventSource.open(aws,
                resources.edgeEventsTopicArn, "local-" + runId), edge::apply);
        SampleOrigin origin = SampleOrigin.start(aws.s3(), runId, ports.origin());

        IssueCertificateHandler issueHandler = new IssueCertificateHandler(env::get);
        String queueArn = resources.sqs().getQueueAttributes(r -> r.queueUrl(resources.issuanceQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        SqsEventSource source = new SqsEventSource(resources.sqs(), resources.issuanceQueueUrl, queueArn,
                event -> issueHandler.handleRequest(event, new LocalLambdaContext("IssueCertificateFunction",
                        ISSUE_TIMEOUT)));
        source.start();
        return new LocalSystem(Map.copyOf(env), resources, store, edge, edgeEvents, origin,
                new DomainsApiHandler(env::get), new PurgeCacheHandler(env::get), new RenewCertificatesHandler(env::get),
                source);
    }

    /** What the template gives the functions, with the local services' endpoints. */
    private static Map<String, String> baseEnvironment(String keyPrefix) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : new String[] {"PORTICO_REDIS_URL", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "PORTICO_ACME_DIRECTORY", "PORTICO_ACME_SERVER_CA"}) {
            env.put(name, LocalServices.get(name));
        }
        env.put("PORTICO_REDIS_KEY_PREFIX", keyPrefix);
        env.put("PORTICO_LOCAL_MASTER_KEY_FILE",
                LocalServices.repoRoot().resolve(Path.of("local", ".run", "master.key")).toString());
        env.put("PORTICO_PROBE_PORT", Integer.toString(LocalServices.http01Port()));
        // pebble-challtestsrv answers 127.0.0.1 for every name; the routing probe must see what the CA sees.
        env.put("PORTICO_PROBE_ADDRESS", "127.0.0.1");
        env.put("PORTICO_PLATFORM_DOMAIN", "portico.test");
        // Test names end in .test and the sample origin listens on loopback: allowed here, never in AWS.
        env.put("PORTICO_EXTRA_SUFFIXES", "test");
        env.put("PORTICO_ALLOW_PRIVATE_ORIGINS", "true");
        return env;
    }

    /**
     * Calls the API as API Gateway would, e.g. {@code api("GET", "/domains/x.test", null)} or
     * {@code api("POST", "/purge", "{...}")}.
     */
    public APIGatewayV2HTTPResponse api(String method, String pathAndQuery, String jsonBody) {
        return api(ApiGatewayEvents.request(method, pathAndQuery, jsonBody));
    }

    /**
     * Routes an event built elsewhere (the local API server) as the HTTP API's routes do ({@link LocalWiring#ROUTES}):
     * POST /purge to PurgeCache, the rest to DomainsApi (whose routes are ANY /domains and ANY /domains/{domain}; it answers 404
     * for other paths, where API Gateway would answer its own 404).
     */
    public APIGatewayV2HTTPResponse api(APIGatewayV2HTTPEvent event) {
        String function = LocalWiring.functionFor(event.getRouteKey());
        return switch (function) {
            case LocalWiring.PURGE_CACHE -> streamed(function, purgeCache::handleRequest, event);
            case LocalWiring.RENEW_CERTIFICATES -> streamed(function, renewCertificates::handleRequest, event);
            default -> domainsApi.handleRequest(event, new LocalLambdaContext(LocalWiring.DOMAINS_API, API_TIMEOUT));
        };
    }

    /**
     * Calls PurgeCache through its stream entry point, as Lambda does: the event serialized to JSON in, the
     * response JSON read back.
     */
    private APIGatewayV2HTTPResponse streamed(String function, StreamHandler handler, APIGatewayV2HTTPEvent event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handle(new ByteArrayInputStream(LAMBDA_JSON.writeValueAsBytes(event)), out,
                    new LocalLambdaContext(function, API_TIMEOUT));
            return LAMBDA_JSON.readValue(out.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store as the functions see it (same key prefix), for inspection. */
    public RedisStore store() {
        return store;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public int httpPort() {
        return edge.ports().http();
    }

    public EdgeProxyServer.Ports edgePorts() {
        return edge.ports();
    }

    /** The tenant's site the story registers: files in the emulator's S3 behind a small HTTP server. */
    SampleOrigin origin() {
        return origin;
    }

    /** The URL of that site, to register domains with. */
    public String originUrl() {
        return origin.url();
    }

    @Override
    public void close() {
        schedules.shutdownNow();
        acmeClients.forEach(AcmeClient::close);
        issuance.close();
        edgeEvents.close();
        edge.close();
        origin.close();
        resources.close();
        store.close();
    }
}
