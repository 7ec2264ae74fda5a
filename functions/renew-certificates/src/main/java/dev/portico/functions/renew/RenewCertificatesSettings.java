package dev.portico.functions.renew;

import dev.portico.acme.AcmeSettings;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.control.renewal.RenewalSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The function's environment, checked at the cold start. Redis ({@code PORTICO_REDIS_*}) and AWS ({@code AWS_*})
 * are read by their own settings; these are the rest:
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>{@code ISSUANCE_QUEUE_URL}</td><td>required: where renewals are enqueued</td></tr>
 *   <tr><td>{@code PORTICO_ACME_DIRECTORY}</td><td>the CA, for its renewal information (Let's Encrypt staging
 *       when unset); {@code PORTICO_ACME_SERVER_CA} trusts a private CA's listener</td></tr>
 *   <tr><td>{@code PORTICO_RENEWALS_PER_RUN}</td><td>renewals enqueued per run at most (500)</td></tr>
 *   <tr><td>{@code PORTICO_RENEWAL_SPREAD_SECONDS}</td><td>random delay bound per renewal, 0-900 (300)</td></tr>
 *   <tr><td>{@code PORTICO_METRICS_NAMESPACE}</td><td>CloudWatch namespace of the EMF metrics (Portico)</td></tr>
 * </table>
 */
record RenewCertificatesSettings(String issuanceQueueUrl, AcmeSettings acme, RenewalSettings renewal,
        String metricsNamespace) {

    static RenewCertificatesSettings fromEnvironment(Function<String, String> env) {
        String queue = optional(env, "ISSUANCE_QUEUE_URL").orElseThrow(() -> new IllegalStateException(
                "ISSUANCE_QUEUE_URL is not set: set it to the URL of the SQS issuance queue"));
        AcmeSettings acme = AcmeSettings.fromEnvironment(env);
        RenewalSettings renewal = RenewalSettings.defaults();
        try {
            renewal = renewal.withRenewalsPerRun(number(env, "PORTICO_RENEWALS_PER_RUN",
                    renewal.renewalsPerRun()));
            renewal = renewal.withSpread(Duration.ofSeconds(number(env, "PORTICO_RENEWAL_SPREAD_SECONDS",
                    (int) renewal.spread().toSeconds())));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("renewal settings are invalid: " + e.getMessage()
                    + "; fix PORTICO_RENEWALS_PER_RUN (at least 1) / PORTICO_RENEWAL_SPREAD_SECONDS (0-900)", e);
        }
        return new RenewCertificatesSettings(queue, acme, renewal,
                optional(env, "PORTICO_METRICS_NAMESPACE").orElse(RenewalMetrics.DEFAULT_NAMESPACE));
    }

    private static int number(Function<String, String> env, String name, int fallback) {
        Optional<String> value = optional(env, name);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value.get() + "'", e);
        }
    }

    private static Optional<String> optional(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
