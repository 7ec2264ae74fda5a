package dev.portico.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
    private static final DomainName SHOP = DomainName.ofTrusted("shop.example.com");
    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";

    @Test
    void plainKeysAreTheOnesOfTheDesign() {
        RedisKeys keys = RedisKeys.plain();
        assertThat(List.of(keys.domain(SHOP), keys.tenantDomains(new TenantId("acme")), keys.renewals(),
                keys.certificate(SHOP), keys.http01(TOKEN), keys.issueLock(SHOP), keys.reconcileMarker()))
                .containsExactly("domain:shop.example.com", "tenant:acme:domains", "renewals",
                        "cert:shop.example.com", "acme:http01:" + TOKEN, "lock:issue:shop.example.com", "reconciled");
    }

    @Test
    void prefixGoesInFrontOfEveryKey() {
        RedisKeys keys = new RedisKeys("portico:");
        assertThat(List.of(keys.domain(SHOP), keys.tenantDomains(new TenantId("acme")), keys.renewals(),
                keys.certificate(SHOP), keys.http01(TOKEN), keys.issueLock(SHOP)))
                .allMatch(k -> k.startsWith("portico:") && !k.startsWith("portico:portico:"));
    }

    @Test
    void prefixCannotSmuggleSpacesOrPatterns() {
        assertThatThrownBy(() -> new RedisKeys("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisKeys("x*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisKeys("p".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyWellFormedTokensMakeChallengeKeys() {
        RedisKeys keys = RedisKeys.plain();
        assertThatThrownBy(() -> keys.http01("../../domain:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.http01("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.http01(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountKeysAreAddressedByTheHashOfTheDirectoryUrl() {
        // echo -n https://localhost:14000/dir | sha256sum
        assertThat(new RedisKeys("p:").acmeAccount("https://localhost:14000/dir"))
                .isEqualTo("p:acme:account:929abca72d651ca6461fc1ae9a836338678448c5e5fc93fe81971ed181e7e24d");
    }
}
