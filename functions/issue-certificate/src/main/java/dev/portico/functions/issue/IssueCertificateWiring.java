package dev.portico.functions.issue;

import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeException;
import dev.portico.aws.AwsClients;
import dev.portico.aws.KmsDataKeyProvider;
import dev.portico.aws.S3RecordArchive;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.issuance.AccountKeys;
import dev.portico.control.issuance.HttpRoutingProbe;
import dev.portico.control.issuance.IssuanceService;
import dev.portico.control.issuance.IssuanceSettings;
import dev.portico.control.issuance.IssuanceStores;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.core.crypto.DataKeyProvider;
import dev.portico.core.crypto.KeyEnvelope;
import dev.portico.core.crypto.KeyEnvelopeException;
import dev.portico.core.crypto.LocalDataKeyProvider;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Real clients from the environment, built once per container; nothing connects until the first message. */
record IssueCertificateWiring(IssuanceService service, IssuanceQueue queue, RenewalMetrics metrics) {

    static IssueCertificateWiring fromEnvironment(Function<String, String> env) {
        IssueCertificateSettings settings = IssueCertificateSettings.fromEnvironment(env);
        try {
            RedisStore store = RedisStore.fromEnvironment(env);
            AwsClients aws = AwsClients.fromEnvironment(env);
            DataKeyProvider keys = settings.masterKey().startsWith("kms:")
                    ? new KmsDataKeyProvider(aws.kms(), settings.masterKey().substring(4))
                    : LocalDataKeyProvider.fromFile(Path.of(settings.masterKey().substring(5)));
            KeyEnvelope envelope = KeyEnvelope.withDefaults(keys);
            AcmeClient acme = AcmeClient.create(settings.acme());
            IssuanceSettings defaults = IssuanceSettings.defaults(settings.acme().directory(),
                    settings.platformDomain());
            IssuanceSettings issuance = defaults.withPollBound(settings.pollBound())
                    .withProbe(settings.probePort(), defaults.probeTimeout());
            IssuanceStores stores = new IssuanceStores(store.domains(), store.certificates(), store.challenges(),
                    store.locks(), store.orders(), store.rateLimiter(), store.renewals(), store.renewalFailures(),
                    S3RecordArchive.fromEnvironment(env, aws));
            IssuanceService service = new IssuanceService(stores,
                    new AccountKeys(acme, store.accountKeys(), envelope), envelope,
                    new SnsEdgeEventPublisher(aws.sns(), settings.edgeEventsTopicArn()),
                    probe(store, settings, issuance),
                    Clock.systemUTC(), issuance);
            return new IssueCertificateWiring(service, new SqsIssuanceQueue(aws.sqs(), settings.issuanceQueueUrl()),
                    RenewalMetrics.toStandardOutput(Optional.ofNullable(env.apply("PORTICO_METRICS_NAMESPACE"))
                            .filter(ns -> !ns.isBlank()).orElse(RenewalMetrics.DEFAULT_NAMESPACE)));
        } catch (StoreException | KeyEnvelopeException | AcmeException e) {
            throw new IllegalStateException("IssueCertificate cannot start: " + e.getMessage(), e);
        }
    }

    private static HttpRoutingProbe probe(RedisStore store, IssueCertificateSettings settings,
            IssuanceSettings issuance) {
        return settings.probeAddress()
                .map(address -> new HttpRoutingProbe(store.challenges(), issuance.probePort(), issuance.probeTimeout(),
                        host -> List.of(address)))
                .orElseGet(() -> new HttpRoutingProbe(store.challenges(), issuance.probePort(),
                        issuance.probeTimeout()));
    }
}
