package dev.portico.functions.purge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.aws.AwsClients;
import dev.portico.aws.ScheduledEvents;
import dev.portico.aws.EdgeQueueJanitor;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.core.InvalidInputException;
import dev.portico.core.event.EventPublishException;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The PurgeCache Lambda, reached two ways:
 * <ul>
 *   <li>by the HTTP API, {@code POST /purge} with IAM auth (payload format 2.0): the body is
 *       {@code {"tenant", "domain", "scope", "value"}}, the answer 202 with what was published, or a JSON error
 *       {@code {"error", "message", "field"}} as the Domains API answers ({@link PurgeApi});</li>
 *   <li>by a direct invocation ({@code sam remote invoke}, {@code aws lambda invoke}, the SDK): the event is that
 *       same object, the answer the same JSON object as the API's body; bad input throws
 *       {@link PurgeRejectedException}, an outage {@link PurgeFailedException}, so the invocation fails with the code
 *       and the reason in its {@code errorMessage}.</li>
 * </ul>
 *
 * <p>Why a {@link RequestStreamHandler}: a typed {@code RequestHandler} fixes one input and one output class, and
 * Lambda's deserializer would turn a direct payload into an API Gateway event with every field null (or an API event
 * into a map) without complaint. Reading the raw JSON lets the handler decide by shape and answer each caller in its
 * own format. The rule: an event with a {@code requestContext} object comes from API Gateway (every proxy
 * integration's event has one, of either payload version), anything else is a direct invocation. A direct payload has
 * exactly the four purge fields, so one that carried a {@code requestContext} would be refused anyway: the two cannot
 * be confused. An API event of payload version 1.0 (a misconfigured integration) is answered 500 and logged.
 */
public final class PurgeCacheHandler implements RequestStreamHandler {
    private static final ObjectReader API_EVENT = PurgeInput.JSON.readerFor(APIGatewayV2HTTPEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Queues silent this long belong to proxies that are gone (a live one tags its queue every ten minutes). */
    static final Duration SILENT_FOR = Duration.ofHours(1);
    /** Queues examined per scheduled run at most: the next run takes the rest. */
    static final int QUEUES_PER_RUN = 500;

    private final PurgeService service;
    private final PurgeApi api;
    private final Optional<EdgeQueueJanitor> janitor;

    /**
     * What Lambda calls once per container: the store and the topic come from the environment (see
     * {@link PurgeCacheSettings}). Nothing connects yet, so a container starts even while Redis is briefly away.
     */
    public PurgeCacheHandler() {
        this(System::getenv);
    }

    /** Wired from an explicit environment: the local runner passes what the template gives Lambda. */
    public PurgeCacheHandler(Function<String, String> environment) {
        this(serviceFromEnvironment(environment), Optional.of(janitorFromEnvironment(environment)));
    }

    /** For tests, which bring their own service (and no clean-up). */
    public PurgeCacheHandler(PurgeService service) {
        this(service, Optional.empty());
    }

    public PurgeCacheHandler(PurgeService service, Optional<EdgeQueueJanitor> janitor) {
        this.service = Objects.requireNonNull(service, "service");
        this.api = new PurgeApi(service);
        this.janitor = Objects.requireNonNull(janitor, "janitor");
    }

    /** The function's entry point ({@code template.yaml}: {@code PurgeCacheHandler::handleRequest}). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = PurgeInput.parse(text, "event");
        } catch (InvalidInputException e) {
            // Lambda only accepts JSON payloads, so this is a hand-made test event.
            throw rejected(e, new PurgeLog("direct", null, awsRequestId(context)));
        }
        JsonNode answer;
        if (event.path("requestContext").isObject()) {
            answer = responseJson(apiEvent(event, context));
        } else if (ScheduledEvents.isScheduled(event)) {
            answer = cleanUp();
        } else {
            answer = handleDirect(event, context);
        }
        output.write(answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The schedule's run: removes the event queues (and subscriptions) of edge proxies that are gone, so the topic
     * does not feed dead queues for ever.
     */
    public ObjectNode cleanUp() {
        EdgeQueueJanitor sweeper = janitor.orElseThrow(() -> new IllegalStateException(
                "this handler was built without the queue clean-up"));
        EdgeQueueJanitor.Sweep sweep = sweeper.sweep(SILENT_FOR, QUEUES_PER_RUN);
        ObjectNode answer = PurgeInput.JSON.createObjectNode().put("examined", sweep.examined())
                .put("failed", sweep.failed());
        sweep.removed().forEach(answer.putArray("removed")::add);
        return answer;
    }

    /** {@code POST /purge} from API Gateway (HTTP API, payload format 2.0). */
    public APIGatewayV2HTTPResponse handleApiRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = event == null || event.getRequestContext() == null
                ? null : event.getRequestContext().getRequestId();
        PurgeLog log = new PurgeLog("api", requestId, awsRequestId(context));
        APIGatewayV2HTTPResponse response = event == null
                ? PurgeApi.error(400, "body_missing", "no event", null, Map.of())
                : api.handle(event, log);
        log.write(response.getStatusCode());
        return response;
    }

    /**
     * A direct invocation: {@code {"tenant", "domain", "scope", "value"}} in, what was published out.
     *
     * @throws PurgeRejectedException the input is refused, the domain is unknown or another tenant's
     * @throws PurgeFailedException   the store or the topic failed; nothing was purged, retrying is safe
     */
    public ObjectNode handleDirect(JsonNode payload, Context context) {
        PurgeLog log = new PurgeLog("direct", null, awsRequestId(context));
        try {
            PurgeInput.Fields fields = PurgeInput.fields(payload, "event");
            log.request(fields);
            PurgeResult result = service.purge(fields.tenant(), fields.domain(), fields.scope(), fields.value());
            log.published(result);
            log.write("published");
            return PurgeView.of(result);
        } catch (InvalidInputException e) {
            throw rejected(e, log);
        } catch (PurgeRefusedException e) {
            log.errorCode(e.code());
            log.write("rejected");
            throw new PurgeRejectedException(e.code(), e.field(), e.getMessage());
        } catch (StoreException e) {
            throw failed("store_unavailable", "the domain store is unavailable: " + e.getMessage()
                    + "; nothing was purged, invoke again in a few seconds", e, log);
        } catch (EventPublishException e) {
            throw failed("publish_failed", e.getMessage() + "; nothing was purged, invoke again in a few seconds",
                    e, log);
        }
    }

    private APIGatewayV2HTTPResponse apiEvent(JsonNode event, Context context) {
        if (!"2.0".equals(event.path("version").asText())) {
            PurgeLog log = new PurgeLog("api", event.path("requestContext").path("requestId").asText(null),
                    awsRequestId(context));
            log.errorCode("unsupported_payload_version");
            log.write(500);
            return PurgeApi.error(500, "internal_error", "the API integration sends payload format version '"
                    + event.path("version").asText("1.0") + "'; this function needs 2.0", null, Map.of());
        }
        APIGatewayV2HTTPEvent parsed;
        try {
            parsed = API_EVENT.readValue(event);
        } catch (IOException e) {
            PurgeLog log = new PurgeLog("api", null, awsRequestId(context));
            log.errorCode("internal_error");
            log.write(500);
            return PurgeApi.error(500, "internal_error", "the request could not be read; it has been logged", null,
                    Map.of());
        }
        return handleApiRequest(parsed, context);
    }

    /** The response as API Gateway reads it back from a payload 2.0 integration. */
    static ObjectNode responseJson(APIGatewayV2HTTPResponse response) {
        ObjectNode out = PurgeInput.JSON.createObjectNode().put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            ObjectNode headers = out.putObject("headers");
            response.getHeaders().forEach(headers::put);
        }
        if (response.getMultiValueHeaders() != null) {
            out.set("multiValueHeaders", PurgeInput.JSON.valueToTree(response.getMultiValueHeaders()));
        }
        if (response.getCookies() != null) {
            out.set("cookies", PurgeInput.JSON.valueToTree(response.getCookies()));
        }
        return out.put("body", response.getBody()).put("isBase64Encoded", response.getIsBase64Encoded());
    }

    private static PurgeRejectedException rejected(InvalidInputException e, PurgeLog log) {
        log.errorCode(e.getCode());
        log.write("rejected");
        return new PurgeRejectedException(e.getCode(), e.getField(), e.getMessage());
    }

    private static PurgeFailedException failed(String code, String message, Exception cause, PurgeLog log) {
        log.errorCode(code);
        log.write("failed");
        return new PurgeFailedException(code, message, cause);
    }

    private static String awsRequestId(Context context) {
        return context == null ? null : context.getAwsRequestId();
    }

    static EdgeQueueJanitor janitorFromEnvironment(Function<String, String> env) {
        PurgeCacheSettings settings = PurgeCacheSettings.fromEnvironment(env);
        AwsClients aws = AwsClients.fromEnvironment(env);
        return new EdgeQueueJanitor(aws.sqs(), aws.sns(), settings.edgeEventsTopicArn(), Clock.systemUTC());
    }

    static PurgeService serviceFromEnvironment(Function<String, String> env) {
        PurgeCacheSettings settings = PurgeCacheSettings.fromEnvironment(env);
        RedisStore store;
        try {
            store = RedisStore.fromEnvironment(env);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        AwsClients aws = AwsClients.fromEnvironment(env);
        return new PurgeService(store.domains(), new SnsEdgeEventPublisher(aws.sns(), settings.edgeEventsTopicArn()),
                Clock.systemUTC(), settings.names());
    }
}
