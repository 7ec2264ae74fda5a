package dev.portico.local;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How template.yaml wires the functions, as this runner reproduces it: handlers, HTTP API routes, the SQS event
 * source, schedules. {@code TemplateWiringTest} reads template.yaml and fails when the two differ, so they cannot
 * drift apart unnoticed.
 */
final class LocalWiring {
    static final String DOMAINS_API = "DomainsApiFunction";
    static final String ISSUE_CERTIFICATE = "IssueCertificateFunction";
    static final String PURGE_CACHE = "PurgeCacheFunction";
    static final String RENEW_CERTIFICATES = "RenewCertificatesFunction";

    /** Each function's Handler property. */
    static final Map<String, String> HANDLERS = Map.of(
            DOMAINS_API, "dev.portico.functions.domains.DomainsApiHandler::handleRequest",
            ISSUE_CERTIFICATE, "dev.portico.functions.issue.IssueCertificateHandler::handleRequest",
            PURGE_CACHE, "dev.portico.functions.purge.PurgeCacheHandler::handleRequest",
            RENEW_CERTIFICATES, "dev.portico.functions.renew.RenewCertificatesHandler::handleRequest");

    /** HttpApi events ("METHOD path", as API Gateway's route keys) to the function that answers them. */
    static final Map<String, String> ROUTES = Map.of(
            "ANY /domains", DOMAINS_API,
            "ANY /domains/{domain}", DOMAINS_API,
            "POST /purge", PURGE_CACHE,
            "POST /reconcile", RENEW_CERTIFICATES);

    /** An SQS event source: the queue's logical id and the batch size. */
    record QueueSource(String queue, int batchSize) {
    }

    static final Map<String, QueueSource> QUEUE_SOURCES = Map.of(ISSUE_CERTIFICATE, new QueueSource("IssuanceQueue", 5));

    /** Schedule events: the function and its rate expression. */
    static final Map<String, String> SCHEDULES = Map.of(PURGE_CACHE, "rate(15 minutes)",
            RENEW_CERTIFICATES, "rate(1 minute)");

    /**
     * The functions given the record archive ({@code PORTICO_RECORD_BUCKET}): they write it, and write-before-Redis
     * ordering depends on every writer having it. The runner gives every function the run's bucket.
     */
    static final java.util.Set<String> ARCHIVE_WRITERS = java.util.Set.of(DOMAINS_API, ISSUE_CERTIFICATE);

    /** The function that reads the whole archive back when Redis lost its data (the Reconciler). */
    static final java.util.Set<String> ARCHIVE_READERS = java.util.Set.of(RENEW_CERTIFICATES);

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    private LocalWiring() {
    }

    /** The function answering a route key; DomainsApi for anything else (it answers 404 as API Gateway would). */
    static String functionFor(String routeKey) {
        return ROUTES.getOrDefault(routeKey, DOMAINS_API);
    }

    /** The period of an EventBridge rate expression. */
    static Duration period(String rateExpression) {
        Matcher m = RATE.matcher(rateExpression);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate expression: " + rateExpression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
