package dev.portico.control.renewal;

import dev.portico.acme.AcmeException;
import dev.portico.acme.AcmeNetworkException;
import dev.portico.acme.SuggestedWindow;
import dev.portico.control.issuance.RenewalWindow;
import dev.portico.core.crypto.Pem;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.issuance.IssuanceQueue;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.QueueException;
import dev.portico.core.store.CertificateStore;
import dev.portico.core.store.DomainStore;
import dev.portico.core.store.RenewalFailures;
import dev.portico.core.store.RenewalIndex;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the renewal schedule: ask the CA's renewal information for the certificates whose check is due, enqueue
 * the renewals that are due, and count what an operator alarms on. Everything it reads comes from the time-ordered
 * indexes, so a run over 100,000 domains with nothing due costs a handful of Redis commands. Thread-safe; runs may
 * overlap (each taken renewal moves its index entry first-come, and the issuance locks per domain).
 */
public final class RenewalScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalScheduler.class);

    private final DomainStore domains;
    private final CertificateStore certificates;
    private final RenewalIndex index;
    private final RenewalFailures failures;
    private final IssuanceQueue queue;
    private final RenewalInfoSource renewalInfo;
    private final Clock clock;
    private final RenewalSettings settings;
    private final DoubleSupplier random;

    public RenewalScheduler(DomainStore domains, CertificateStore certificates, RenewalIndex index,
            RenewalFailures failures, IssuanceQueue queue, RenewalInfoSource renewalInfo, Clock clock,
            RenewalSettings settings, DoubleSupplier random) {
        this.domains = Objects.requireNonNull(domains, "domains");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.index = Objects.requireNonNull(index, "index");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.renewalInfo = Objects.requireNonNull(renewalInfo, "renewalInfo");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @throws StoreException Redis failed before the run could read what is due; the next run starts over */
    public RenewalRun run() throws StoreException {
        Instant now = clock.instant();
        InfoChecks info = checkRenewalInfo(now);
        int enqueued = 0;
        boolean enqueueFailed = false;
        for (DomainName domain : index.due(now, settings.renewalsPerRun())) {
            Duration delay = Duration.ofMillis((long) (settings.spread().toMillis() * clamp(random.getAsDouble())));
            try {
                queue.enqueue(IssuanceRequest.first(domain, IssuanceRequest.Reason.RENEWAL, now), delay);
            } catch (QueueException e) {
                LOG.error("{}: renewal not enqueued, the issuance queue refused it ({}); this and the remaining due "
                        + "renewals are taken at the next run: check the queue and the function's permissions",
                        domain, e.getMessage());
                enqueueFailed = true;
                break;
            }
            index.schedule(domain, now.plus(settings.inFlight()));
            enqueued++;
        }
        Map<String, Long> buckets = new LinkedHashMap<>();
        for (ExpiryBuckets bucket : ExpiryBuckets.all()) {
            buckets.put(bucket.label(), index.countExpiring(bucket.from(now), bucket.to(now)));
        }
        Optional<RenewalRun.OldestFailure> oldest = failures.oldest().map(s -> new RenewalRun.OldestFailure(
                s.domain().unicode(), Duration.between(s.since(), now), s.failures()));
        RenewalRun run = new RenewalRun(now, info.checked, info.moved, info.failed, info.offered, enqueued,
                enqueueFailed, index.countDue(now), buckets, failures.count(), oldest);
        LOG.info("renewal run: {} enqueued ({} still due), renewal information read for {} ({} moved, {} failed{}), "
                + "{} expiring within 7 days, {} failing", enqueued, run.dueAfter(), info.checked, info.moved,
                info.failed, info.offered ? "" : ", the CA offers none", run.expiringWithin7Days(), run.failing());
        return run;
    }

    private InfoChecks checkRenewalInfo(Instant now) throws StoreException {
        InfoChecks checks = new InfoChecks();
        for (DomainName domain : index.renewalInfoChecksDue(now, settings.infoChecksPerRun())) {
            Optional<StoredCertificate> certificate = certificates.find(domain);
            Optional<DomainRecord> record = domains.find(domain);
            if (certificate.isEmpty() || record.isEmpty() || record.get().status() == DomainStatus.REMOVED) {
                index.scheduleRenewalInfoCheck(domain, RenewalWindow.nextRenewalInfoCheck(now, Optional.empty()));
                continue;
            }
            Optional<SuggestedWindow> window;
            try {
                window = renewalInfo.fetch(Pem.parseChain(certificate.get().chainPem()).getFirst());
            } catch (CertificateException e) {
                LOG.warn("{}: the stored certificate does not parse ({}); renewal information not checked",
                        domain, e.getMessage());
                index.scheduleRenewalInfoCheck(domain, RenewalWindow.nextRenewalInfoCheck(now, Optional.empty()));
                continue;
            } catch (AcmeNetworkException e) {
                // The CA is away: the checks stay due and the next run asks again; no point timing out on each.
                LOG.warn("renewal information unavailable ({}); checks resume at the next run", e.getMessage());
                checks.failed++;
                break;
            } catch (AcmeException e) {
                LOG.warn("{}: renewal information not read ({}); asked again later", domain, e.getMessage());
                checks.failed++;
                index.scheduleRenewalInfoCheck(domain, now.plus(Duration.ofHours(1)));
                continue;
            }
            if (window.isEmpty()) {
                checks.offered = false;
                break;
            }
            checks.checked++;
            if (follow(domain, record.get(), certificate.get(), window.get(), now)) {
                checks.moved++;
            }
            index.scheduleRenewalInfoCheck(domain, RenewalWindow.nextRenewalInfoCheck(now, window.get().retryAfter()));
        }
        return checks;
    }

    /**
     * Moves renew-at into the CA's window. Only for an {@code active} domain: a renewing one is already in the works
     * (or waiting out a failure), and its index entry is that work's.
     */
    private boolean follow(DomainName domain, DomainRecord record, StoredCertificate certificate,
            SuggestedWindow window, Instant now) throws StoreException {
        if (record.status() != DomainStatus.ACTIVE) {
            return false;
        }
        Instant current = record.renewAt().orElseGet(() -> RenewalWindow.renewAt(certificate.notBefore(),
                certificate.notAfter()));
        Instant next = RenewalWindow.followSuggestion(current, window.start(), window.end(), now,
                random.getAsDouble());
        if (next.equals(current)) {
            return false;
        }
        if (domains.update(record.withRenewAt(next))) {
            index.schedule(domain, next);
            LOG.info("{}: renew-at moved from {} to {}, inside the CA's suggested window {} - {}{}", domain, current,
                    next, window.start(), window.end(), window.explanation().map(u -> " (" + u + ")").orElse(""));
            return true;
        }
        return false;
    }

    private static double clamp(double r) {
        return Math.min(Math.max(r, 0.0), Math.nextDown(1.0));
    }

    private static final class InfoChecks {
        int checked;
        int moved;
        int failed;
        boolean offered = true;
    }

    @Override
    public String toString() {
        return "RenewalScheduler[" + settings + "]";
    }
}
