package dev.portico.store.redis;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.util.UUID;

/** Random names, so every test owns its data and tests run in any order, also side by side. */
final class TestNames {
    private TestNames() {
    }

    static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static TenantId tenant() {
        return new TenantId("tenant-" + random8());
    }

    static DomainName domain() {
        return DomainName.ofTrusted("t-" + random8() + ".example.com");
    }

    static DomainName domain(String label) {
        return DomainName.ofTrusted(label + "-" + random8() + ".example.com");
    }

    /** A well-formed ACME token: 32 base64url characters. */
    static String token() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 32);
    }
}
