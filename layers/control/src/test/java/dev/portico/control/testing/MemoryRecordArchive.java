package dev.portico.control.testing;

import dev.portico.core.archive.ArchiveException;
import dev.portico.core.archive.RecordArchive;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoredCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A record archive in memory, for tests of what writes it and in what order: failures can be switched on per
 * operation, and every call is logged as {@code "put shop.example.com"} and the like.
 */
public final class MemoryRecordArchive implements RecordArchive {
    public final Map<DomainName, DomainRecord> records = new ConcurrentSkipListMap<>();
    public final Map<DomainName, StoredCertificate> certificates = new ConcurrentSkipListMap<>();
    public final List<String> calls = new ArrayList<>();
    public volatile boolean failPuts;
    public volatile boolean failRemoves;

    @Override
    public synchronized void put(DomainRecord record) throws ArchiveException {
        calls.add("put " + record.domain() + " " + record.status().wireName());
        check(failPuts, "put");
        records.put(record.domain(), record);
    }

    @Override
    public Optional<DomainRecord> find(DomainName domain) {
        return Optional.ofNullable(records.get(domain));
    }

    @Override
    public synchronized void putCertificate(StoredCertificate certificate) throws ArchiveException {
        calls.add("putCertificate " + certificate.domain());
        check(failPuts, "putCertificate");
        certificates.put(certificate.domain(), certificate);
    }

    @Override
    public Optional<StoredCertificate> findCertificate(DomainName domain) {
        return Optional.ofNullable(certificates.get(domain));
    }

    @Override
    public synchronized void remove(DomainName domain) throws ArchiveException {
        calls.add("remove " + domain);
        check(failRemoves, "remove");
        certificates.remove(domain);
        records.remove(domain);
    }

    @Override
    public Page<DomainName> list(Optional<String> cursor, int limit) {
        List<DomainName> names = new ArrayList<>(records.keySet());
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(names.size(), from + limit);
        return new Page<>(names.subList(from, to), to < names.size() ? Optional.of(Integer.toString(to))
                : Optional.empty());
    }

    private static void check(boolean fail, String action) throws ArchiveException {
        if (fail) {
            throw new ArchiveException("archive " + action + " failed (injected by the test)");
        }
    }
}
