package dev.portico.functions.purge;

import dev.portico.core.domain.DomainNamePolicy;
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
 *   <tr><td>{@code EDGE_EVENTS_TOPIC_ARN}</td><td>required: SNS topic every edge proxy listens to</td></tr>
 *   <tr><td>{@code PORTICO_PLATFORM_DOMAIN}</td><td>the SaaS's own domain; names under it are never registered</td></tr>
 *   <tr><td>{@code PORTICO_EXTRA_SUFFIXES}</td><td>comma list of special-use suffixes to accept, e.g. {@code test}
 *       for local runs; empty in production</td></tr>
 * </table>
 * The names are read as the Domains API reads them, so a name it registered is one this function accepts. A wrong
 * value stops the function at start-up with a message naming the variable, rather than at the first request.
 */
record PurgeCacheSettings(String edgeEventsTopicArn, DomainNamePolicy names) {

    static PurgeCacheSettings fromEnvironment(Function<String, String> env) {
        String topic = optional(env, "EDGE_EVENTS_TOPIC_ARN").orElseThrow(() -> new IllegalStateException(
                "EDGE_EVENTS_TOPIC_ARN is not set: set it to the ARN of the SNS edge-events topic (template.yaml"
                        + " wires it)"));
        DomainNamePolicy names = DomainNamePolicy.strict().withExtraSuffixes(suffixes(env));
        Optional<String> platform = optional(env, "PORTICO_PLATFORM_DOMAIN");
        if (platform.isPresent()) {
            names = names.withPlatformDomain(platform.get(), false);
        }
        return new PurgeCacheSettings(topic, names);
    }

    private static Optional<String> optional(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
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
}
