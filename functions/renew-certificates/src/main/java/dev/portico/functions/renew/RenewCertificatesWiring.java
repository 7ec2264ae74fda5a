package dev.portico.functions.renew;

import dev.portico.acme.AcmeClient;
import dev.portico.acme.AcmeConfigurationException;
import dev.portico.aws.AwsClients;
import dev.portico.aws.S3RecordArchive;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.reconcile.Reconciler;
import dev.portico.control.renewal.RenewalInfoSource;
import dev.portico.control.renewal.RenewalMetrics;
import dev.portico.control.renewal.RenewalScheduler;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisStore;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Real clients from the environment, built once per container; nothing connects until the first run. */
record RenewCertificatesWiring(RenewalScheduler scheduler, Reconciler reconciler, RenewalMetrics metrics) {

    static RenewCertificatesWiring fromEnvironment(Function<String, String> env) {
        RenewCertificatesSettings settings = RenewCertificatesSettings.fromEnvironment(env);
        try {
            RedisStore store = RedisStore.fromEnvironment(env);
            AwsClients aws = AwsClients.fromEnvironment(env);
            AcmeClient acme = AcmeClient.create(settings.acme());
            SqsIssuanceQueue queue = new SqsIssuanceQueue(aws.sqs(), settings.issuanceQueueUrl());
            RenewalScheduler scheduler = new RenewalScheduler(store.domains(), store.certificates(),
                    store.renewals(), store.renewalFailures(), queue, RenewalInfoSource.of(acme), Clock.systemUTC(),
                    settings.renewal(), () -> ThreadLocalRandom.current().nextDouble());
            Reconciler reconciler = new Reconciler(S3RecordArchive.fromEnvironment(env, aws), store.domains(),
                    store.certificates(), store.renewals(), store.reconcileMarker(), queue, Clock.systemUTC(),
                    Reconciler.DEFAULT_PAGE_SIZE);
            return new RenewCertificatesWiring(scheduler, reconciler,
                    RenewalMetrics.toStandardOutput(settings.metricsNamespace()));
        } catch (StoreException | AcmeConfigurationException e) {
            throw new IllegalStateException("RenewCertificates cannot start: " + e.getMessage(), e);
        }
    }
}
