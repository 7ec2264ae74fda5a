package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.Http01Challenge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The whole key schema: no other class builds a key string. Keys are plain, as in DESIGN.md, unless a prefix is
 * configured so that several deployments (or a test run) can share one Redis without seeing each other's data.
 *
 * <table>
 *   <caption>Keys ({@code P} is the prefix, empty by default)</caption>
 *   <tr><th>key</th><th>type</th><th>content</th></tr>
 *   <tr><td>{@code P domain:<fqdn>}</td><td>hash</td><td>tenant, origin, status, reason?, created, updated,
 *       certSerial?, certNotBefore?, certNotAfter?, renewAt?</td></tr>
 *   <tr><td>{@code P tenant:<id>:domains}</td><td>sorted set</td><td>the tenant's fqdns, all with score 0, so
 *       {@code ZRANGEBYLEX} pages through them in name order</td></tr>
 *   <tr><td>{@code P renewals}</td><td>sorted set</td><td>fqdn scored by renew-at, epoch milliseconds</td></tr>
 *   <tr><td>{@code P cert:<fqdn>}</td><td>hash</td><td>chain (PEM), key (sealed, base64), serial, notBefore,
 *       notAfter</td></tr>
 *   <tr><td>{@code P expiries}</td><td>sorted set</td><td>fqdn scored by its certificate's not-after, epoch
 *       milliseconds</td></tr>
 *   <tr><td>{@code P renewal-info-checks}</td><td>sorted set</td><td>fqdn scored by when to ask the CA's renewal
 *       information (ARI) again</td></tr>
 *   <tr><td>{@code P renewal-failures}</td><td>sorted set</td><td>fqdn scored by the start of its failing-renewal
 *       streak</td></tr>
 *   <tr><td>{@code P renewal-failures:count}</td><td>hash</td><td>fqdn to the streak's length</td></tr>
 *   <tr><td>{@code P acme:http01:<token>}</td><td>hash, with TTL</td><td>domain, keyAuthorization</td></tr>
 *   <tr><td>{@code P lock:issue:<fqdn>}</td><td>string, with TTL</td><td>the holder's random owner token</td></tr>
 *   <tr><td>{@code P order:<fqdn>}</td><td>string, with TTL</td><td>URL of the domain's open ACME order</td></tr>
 *   <tr><td>{@code P ratelimit:<bucket>}</td><td>sorted set, with TTL</td><td>one member per acquisition in the
 *       current window, scored by its epoch milliseconds</td></tr>
 *   <tr><td>{@code P acme:account:<sha256 of directory URL>}</td><td>string</td><td>the ACME account key of that
 *       CA, sealed, base64</td></tr>
 *   <tr><td>{@code P reconciled}</td><td>string</td><td>{@code running:<token>} while a reconciliation from the
 *       archive runs, {@code done:<epoch ms>} once one finished; missing means the store lost its data</td></tr>
 * </table>
 *
 * <p>Field names live in {@code RedisHashes}; instants are epoch milliseconds in decimal; a field that is absent in
 * the record ({@code ?}) is absent in the hash. Neither names, tenant ids nor tokens can contain {@code :}, so no two
 * logical keys can collide.
 */
public final class RedisKeys {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9._:-]{1,200}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{0,64}");

    private final String prefix;

    /** @param prefix prepended to every key, e.g. {@code "portico:"}; empty for the plain keys of DESIGN.md */
    public RedisKeys(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("key prefix may hold at most 64 letters, digits and . _ : -, got '"
                    + prefix + "'");
        }
        this.prefix = prefix;
    }

    /** The plain keys of DESIGN.md, for a Redis of Portico's own. */
    public static RedisKeys plain() {
        return new RedisKeys("");
    }

    public String prefix() {
        return prefix;
    }

    public String domain(DomainName domain) {
        return prefix + "domain:" + domain.ascii();
    }

    public String tenantDomains(TenantId tenant) {
        return prefix + "tenant:" + tenant.value() + ":domains";
    }

    public String renewals() {
        return prefix + "renewals";
    }

    public String expiries() {
        return prefix + "expiries";
    }

    public String renewalInfoChecks() {
        return prefix + "renewal-info-checks";
    }

    public String renewalFailures() {
        return prefix + "renewal-failures";
    }

    public String renewalFailureCounts() {
        return prefix + "renewal-failures:count";
    }

    /** The sorted sets a domain leaves when it is removed (with its entry in {@link #renewalFailureCounts}). */
    java.util.List<String> renewalIndexes() {
        return java.util.List.of(renewals(), expiries(), renewalInfoChecks(), renewalFailures());
    }

    public String certificate(DomainName domain) {
        return prefix + "cert:" + domain.ascii();
    }

    /** Only well-formed ACME tokens make keys, so a junk path from the internet cannot address anything else. */
    public String http01(String token) {
        if (!Http01Challenge.isWellFormedToken(token)) {
            throw new IllegalArgumentException("not an ACME token: " + token);
        }
        return prefix + "acme:http01:" + token;
    }

    public String issueLock(DomainName domain) {
        return prefix + "lock:issue:" + domain.ascii();
    }

    public String order(DomainName domain) {
        return prefix + "order:" + domain.ascii();
    }

    /** Bucket names are chosen by Portico, never by a request, but are checked anyway: a key is a key. */
    public String rateLimit(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("rate-limit bucket must be 1-200 of [a-z0-9._:-], got '" + bucket + "'");
        }
        return prefix + "ratelimit:" + bucket;
    }

    /** The reconciliation marker: its absence says the store was wiped (see {@code RedisReconcileMarker}). */
    public String reconcileMarker() {
        return prefix + "reconciled";
    }

    /** Hashed because a URL may hold any character; hex SHA-256 of the directory URL exactly as configured. */
    public String acmeAccount(String directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(directory.getBytes(StandardCharsets.UTF_8));
            return prefix + "acme:account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RedisKeys[prefix=" + prefix + "]";
    }
}
