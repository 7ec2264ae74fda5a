package dev.portico.store.redis;

import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.DomainStatus;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.StoreException;
import dev.portico.core.store.StoredCertificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records to hash fields and back: every field name of the schema in {@link RedisKeys} is here. */
final class RedisHashes {
    static final String TENANT = "tenant";
    static final String ORIGIN = "origin";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String CREATED = "created";
    static final String UPDATED = "updated";
    static final String CERT_SERIAL = "certSerial";
    static final String CERT_NOT_BEFORE = "certNotBefore";
    static final String CERT_NOT_AFTER = "certNotAfter";
    static final String RENEW_AT = "renewAt";

    static final String CHAIN = "chain";
    static final String KEY = "key";
    static final String SERIAL = "serial";
    static final String NOT_BEFORE = "notBefore";
    static final String NOT_AFTER = "notAfter";

    static final String DOMAIN = "domain";
    static final String KEY_AUTHORIZATION = "keyAuthorization";

    private RedisHashes() {
    }

    static Map<String, String> domainFields(DomainRecord r) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(TENANT, r.tenant().value());
        h.put(ORIGIN, r.origin().toString());
        h.put(STATUS, r.status().wireName());
        r.reason().ifPresent(reason -> h.put(REASON, reason));
        h.put(CREATED, millis(r.createdAt()));
        h.put(UPDATED, millis(r.updatedAt()));
        r.certificate().ifPresent(c -> {
            h.put(CERT_SERIAL, c.serial());
            h.put(CERT_NOT_BEFORE, millis(c.notBefore()));
            h.put(CERT_NOT_AFTER, millis(c.notAfter()));
        });
        r.renewAt().ifPresent(at -> h.put(RENEW_AT, millis(at)));
        return h;
    }

    static DomainRecord domainRecord(DomainName domain, String key, Map<String, String> h) throws StoreException {
        try {
            Optional<CertificateSummary> cert = Optional.ofNullable(h.get(CERT_SERIAL)).map(serial ->
                    new CertificateSummary(serial, instant(h, CERT_NOT_BEFORE), instant(h, CERT_NOT_AFTER)));
            DomainStatus status = DomainStatus.fromWireName(required(h, STATUS))
                    .orElseThrow(() -> new IllegalArgumentException("unknown status " + h.get(STATUS)));
            return new DomainRecord(domain, new TenantId(required(h, TENANT)), OriginUrl.ofTrusted(required(h, ORIGIN)),
                    status, Optional.ofNullable(h.get(REASON)), cert,
                    Optional.ofNullable(h.get(RENEW_AT)).map(v -> instant(h, RENEW_AT)),
                    instant(h, CREATED), instant(h, UPDATED));
        } catch (RuntimeException e) {
            throw unreadable(key, e);
        }
    }

    static Map<String, String> certificateFields(StoredCertificate c) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CHAIN, c.chainPem());
        h.put(KEY, c.key().toBase64());
        h.put(SERIAL, c.serial());
        h.put(NOT_BEFORE, millis(c.notBefore()));
        h.put(NOT_AFTER, millis(c.notAfter()));
        return h;
    }

    static StoredCertificate certificate(DomainName domain, String key, Map<String, String> h) throws StoreException {
        try {
            return new StoredCertificate(domain, required(h, CHAIN), SealedKey.fromBase64(required(h, KEY)),
                    required(h, SERIAL), instant(h, NOT_BEFORE), instant(h, NOT_AFTER));
        } catch (RuntimeException e) {
            throw unreadable(key, e);
        }
    }

    /** Field, value, field, value... as HSET and the scripts take them. */
    static List<String> flatten(Map<String, String> fields) {
        List<String> out = new ArrayList<>(fields.size() * 2);
        fields.forEach((field, value) -> {
            out.add(field);
            out.add(value);
        });
        return out;
    }

    /** Millisecond precision: what renewals, expiry and status need, and exact in a sorted-set score. */
    static String millis(Instant at) {
        return Long.toString(at.toEpochMilli());
    }

    private static Instant instant(Map<String, String> h, String field) {
        return Instant.ofEpochMilli(Long.parseLong(required(h, field)));
    }

    private static String required(Map<String, String> h, String field) {
        String value = h.get(field);
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value;
    }

    private static StoreException unreadable(String key, RuntimeException e) {
        return new StoreException("the Redis hash " + key + " is unreadable (" + e.getMessage() + "); it was not"
                + " written by this version of Portico: inspect it with HGETALL, then delete the key and store it"
                + " again", e);
    }
}
