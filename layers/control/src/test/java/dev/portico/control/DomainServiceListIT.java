package dev.portico.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.control.testing.DomainServiceFixture;
import dev.portico.control.testing.DomainServiceTestBase;
import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.store.Page;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Paging through a tenant's domains, and cursors and limits from outside. */
class DomainServiceListIT extends DomainServiceTestBase {
    private final String tenant = "tenant-" + DomainServiceFixture.random8();
    private DomainService service;

    @BeforeEach
    void createService() {
        service = aws.service(redis.store, RegistrationPolicy.defaults(), Clock.systemUTC());
    }

    @Test
    void pagesFollowNameOrderAndTheLastPageHasNoCursor() throws Exception {
        for (String label : List.of("c", "a", "b")) {
            service.register(label + "-shop.example.com", tenant, "https://origin.example.net");
        }
        service.register("z-other.example.com", "other-" + tenant, "https://origin.example.net");

        Page<DomainRecord> first = service.list(tenant, Optional.empty(), 2);
        assertThat(first.items()).extracting(r -> r.domain().ascii())
                .containsExactly("a-shop.example.com", "b-shop.example.com");
        assertThat(first.next()).isPresent();

        Page<DomainRecord> second = service.list(tenant, first.next(), 2);
        assertThat(second.items()).extracting(r -> r.domain().ascii()).containsExactly("c-shop.example.com");
        assertThat(second.next()).isEmpty();
        assertThat(service.list("nobody", Optional.empty(), DomainService.DEFAULT_PAGE_SIZE).items()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "abc=", "a/b", "AAAA", "LmE"})
    void aCursorThisStoreDidNotIssueIsInvalidInput(String cursor) {
        assertThatThrownBy(() -> service.list(tenant, Optional.of(cursor), 10))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("invalid_cursor");
                    assertThat(e.getField()).isEqualTo("cursor");
                });
    }

    @Test
    void aWellFormedCursorOfAnotherNameStartsAfterThatName() throws Exception {
        service.register("m-shop.example.com", tenant, "https://origin.example.net");
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString("a.example.com".getBytes());
        assertThat(service.list(tenant, Optional.of(cursor), 10).items()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, DomainService.MAX_PAGE_SIZE + 1})
    void aLimitOutsideOneToAHundredIsInvalidInput(int limit) {
        assertThatThrownBy(() -> service.list(tenant, Optional.empty(), limit))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getCode()).isEqualTo("invalid_limit"));
    }

    @Test
    void anInvalidTenantIsRefusedBeforeTheStoreIsAsked() {
        assertThatThrownBy(() -> service.list("no spaces", Optional.empty(), 10))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getCode()).isEqualTo("tenant_invalid_characters"));
        assertThat(redis.allKeys()).isEmpty();
    }
}
