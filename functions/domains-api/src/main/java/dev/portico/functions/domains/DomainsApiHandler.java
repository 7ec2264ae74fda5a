package dev.portico.functions.domains;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.portico.aws.AwsClients;
import dev.portico.aws.S3RecordArchive;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.DomainService;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisStore;
import java.time.Clock;
import java.util.function.Function;

/**
 * The DomainsApi Lambda behind the HTTP API (payload format 2.0): each request is routed, answered as JSON and
 * logged as one structured line. What a request means is {@link DomainsApi}'s business; this class only wires
 * clients and keeps the per-request log.
 */
public final class DomainsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final DomainsApi api;

    /**
     * What Lambda calls once per container: the store, queue, topic and record archive come from the environment
     * (see {@link DomainsApiSettings} and {@link S3RecordArchive#fromEnvironment}). Nothing connects yet, so a container starts even while Redis is briefly away.
     */
    public DomainsApiHandler() {
        this(serviceFromEnvironment(System::getenv));
    }

    /** Wired from an explicit environment: the local runner passes what the template gives Lambda. */
    public DomainsApiHandler(Function<String, String> environment) {
        this(serviceFromEnvironment(environment));
    }

    /** For tests, which bring their own service. */
    public DomainsApiHandler(DomainService service) {
        this.api = new DomainsApi(service);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = event == null || event.getRequestContext() == null
                ? null : event.getRequestContext().getRequestId();
        RequestLog log = new RequestLog(requestId, context == null ? null : context.getAwsRequestId());
        APIGatewayV2HTTPResponse response = api.handle(event, log);
        log.write(response.getStatusCode());
        return response;
    }

    static DomainService serviceFromEnvironment(Function<String, String> env) {
        DomainsApiSettings settings = DomainsApiSettings.fromEnvironment(env);
        RedisStore store;
        try {
            store = RedisStore.fromEnvironment(env);
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        AwsClients aws = AwsClients.fromEnvironment(env);
        return new DomainService(store.domains(), store.certificates(), store.renewals(), store.rateLimiter(),
                new SqsIssuanceQueue(aws.sqs(), settings.issuanceQueueUrl()),
                new SnsEdgeEventPublisher(aws.sns(), settings.edgeEventsTopicArn()), Clock.systemUTC(),
                settings.policy(), S3RecordArchive.fromEnvironment(env, aws));
    }
}
