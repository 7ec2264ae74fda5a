package dev.portico.functions.domains;

import dev.portico.control.RegistrationPolicy;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.core.domain.OriginPolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The function's configuration from its environment. Redis ({@code PORTICO_REDIS_*}) and AWS ({@code AWS_*}) are
 * read by their own settings; these are the rest:
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>{@code ISSUANCE_QUEUE_URL}</td><td>required: SQS URL of the issuance queue</td></tr>
 *   <tr><td>{@code EDGE_EVENTS_TOPIC_ARN}</td><td>required: SNS topic every edge proxy listens to</td></tr>
 *   <tr><td>{@code PORTICO_RECORD_BUCKET}, {@code PORTICO_RECORD_KMS_KEY_ID}</td><td>the record archive (S3
 *       bucket required, KMS key optional), read by {@code S3RecordArchive.fromEnvironment}</td></tr>
 *   <tr><td>{@code PORTICO_PLATFORM_DOMAIN}</td><td>the SaaS's own domain; names under it are refused</td></tr>
 *   <tr><td>{@code PORTICO_EXTRA_SUFFIXES}</td><td>comma list of special-use suffixes to accept, e.g.
 *       {@code test} for local runs; empty in production</td></tr>
 *   <tr><td>{@code PORTICO_ALLOW_PRIVATE_ORIGINS}</td><td>{@code true} to allow loopback and private origins
 *       (local runs only); default {@code false}</td></tr>
 *   <tr><td>{@code PORTICO_MAX_DOMAINS_PER_TENANT}</td><td>default 1000</td></tr>
 *   <tr><td>{@code PORTICO_REGISTRATIONS_PER_MINUTE}</td><td>per tenant, default 60</td></tr>
 * </table>
 * A wrong value stops the function at start-up with a message naming the variable, rather than at the first
 * request.
 */
record DomainsApiSettings(String issuanceQueueUrl, String edgeEventsTopicArn, RegistrationPolicy policy) {

    static DomainsApiSettings fromEnvironment(Function<String, String> env) {
        String queue = required(env, "ISSUANCE_QUEUE_URL", "the SQS URL of the issuance queue");
        String topic = required(env, "EDGE_EVENTS_TOPIC_ARN", "the ARN of the SNS edge-events topic");
        DomainNamePolicy names = DomainNamePolicy.strict().withExtraSuffixes(suffixes(env));
        Optional<String> platform = optional(env, "PORTICO_PLATFORM_DOMAIN");
        if (platform.isPresent()) {
            names = names.withPlatformDomain(platform.get(), false);
        }
        boolean allowPrivate = bool(env, "PORTICO_ALLOW_PRIVATE_ORIGINS");
        int maxDomains = positive(env, "PORTICO_MAX_DOMAINS_PER_TENANT",
                RegistrationPolicy.DEFAULT_MAX_DOMAINS_PER_TENANT);
        int perMinute = positive(env, "PORTICO_REGISTRATIONS_PER_MINUTE",
                RegistrationPolicy.DEFAULT_REGISTRATIONS_PER_MINUTE);
        return new DomainsApiSettings(queue, topic,
                new RegistrationPolicy(names, new OriginPolicy(allowPrivate), maxDomains, perMinute));
    }

    private static Optional<String> optional(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String required(Function<String, String> env, String name, String what) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(name + " is not set: set it to "
                + what + " (template.yaml wires it)"));
    }

    private static Set<String> suffixes(Function<String, String> env) {
        Set<String> suffixes = Arrays.stream(optional(env, "PORTICO_EXTRA_SUFFIXES").orElse("").split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String suffix : suffixes) {
            if (!suffix.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*")) {
                throw new IllegalStateException("PORTICO_EXTRA_SUFFIXES holds '" + suffix + "', which is not a"
                        + " domain suffix; give a comma list such as 'test' or 'test,localhost'");
            }
        }
        return suffixes;
    }

    private static boolean bool(Function<String, String> env, String name) {
        String value = optional(env, name).orElse("false").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int positive(Function<String, String> env, String name, int defaultValue) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the value and the variable's name
        }
        throw new IllegalStateException(name + " must be a whole number of at least 1, not '" + value.get() + "'");
    }
}
