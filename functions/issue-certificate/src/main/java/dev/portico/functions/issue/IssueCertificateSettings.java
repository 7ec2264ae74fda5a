package dev.portico.functions.issue;

import dev.portico.acme.AcmeSettings;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The function's environment, read and checked once per container so a bad deployment parameter fails the cold
 * start with a message naming the variable, not the first order.
 *
 * @param masterKey either {@code kms:<key id>} or {@code file:<path>}: where the key envelope's master key lives
 */
record IssueCertificateSettings(String issuanceQueueUrl, String edgeEventsTopicArn, AcmeSettings acme,
        String masterKey, int probePort, String platformDomain, Optional<InetAddress> probeAddress) {
    IssueCertificateSettings {
        Objects.requireNonNull(acme, "acme");
    }

    /**
     * Reads ISSUANCE_QUEUE_URL, EDGE_EVENTS_TOPIC_ARN, the PORTICO_ACME_* settings ({@link
     * AcmeSettings#fromEnvironment}), PORTICO_KMS_KEY_ID or PORTICO_LOCAL_MASTER_KEY_FILE, PORTICO_PROBE_PORT (80),
     * PORTICO_PLATFORM_DOMAIN, and PORTICO_PROBE_ADDRESS (local runs only: probe this IP for every name, as the local
     * CA's DNS answers every name with it; unset in AWS, where DNS decides).
     */
    static IssueCertificateSettings fromEnvironment(Function<String, String> env) {
        String queue = required(env, "ISSUANCE_QUEUE_URL", "the URL of the SQS issuance queue");
        String topic = required(env, "EDGE_EVENTS_TOPIC_ARN", "the ARN of the SNS edge-events topic");
        AcmeSettings acme = AcmeSettings.fromEnvironment(env);
        Optional<String> kms = optional(env, "PORTICO_KMS_KEY_ID");
        Optional<String> file = optional(env, "PORTICO_LOCAL_MASTER_KEY_FILE");
        if (kms.isPresent() == file.isPresent()) {
            throw new IllegalStateException("set exactly one of PORTICO_KMS_KEY_ID (in AWS) and "
                    + "PORTICO_LOCAL_MASTER_KEY_FILE (locally): it keeps the master key that seals private keys");
        }
        String masterKey = kms.map(id -> "kms:" + id).orElseGet(() -> "file:" + file.get());
        int port;
        try {
            port = Integer.parseInt(optional(env, "PORTICO_PROBE_PORT").orElse("80"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("PORTICO_PROBE_PORT must be a port number (80 in AWS)", e);
        }
        Optional<InetAddress> probeAddress;
        try {
            probeAddress = optional(env, "PORTICO_PROBE_ADDRESS").map(InetAddresses::forString);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("PORTICO_PROBE_ADDRESS must be an IP address literal, e.g. 127.0.0.1", e);
        }
        return new IssueCertificateSettings(queue, topic, acme, masterKey, port,
                optional(env, "PORTICO_PLATFORM_DOMAIN").orElse(""), probeAddress);
    }

    Duration pollBound() {
        return acme.pollBound();
    }

    private static String required(Function<String, String> env, String name, String what) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(name + " is not set: set it to "
                + what));
    }

    private static Optional<String> optional(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
