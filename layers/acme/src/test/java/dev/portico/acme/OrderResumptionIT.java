package dev.portico.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.StoreException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Continuing an order from its URL, as a retry after a crash or a timeout does, against the local Pebble. */
class OrderResumptionIT extends OrderTestBase {
    /** Records the order URL, then dies: the process that created the order is gone before validating. */
    private static URI createThenCrash(DomainName domain) {
        List<URI> created = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> account.order(domain).challengeStore(store).listener(new OrderListener() {
            @Override
            public void orderCreated(DomainName name, URI orderLocation) throws StoreException {
                created.add(orderLocation);
                throw new StoreException("simulated crash");
            }
        }).execute()).isInstanceOf(StoreException.class);
        assertThat(created).hasSize(1);
        return created.get(0);
    }

    @Test
    void anOrderLeftPendingIsContinuedToItsCertificateWithoutANewOrder() throws Exception {
        DomainName domain = Pebble.freshDomain();
        URI order = createThenCrash(domain);
        List<URI> createdOnResume = new CopyOnWriteArrayList<>();

        IssuedCertificate issued = account.resume(domain, order).challengeStore(store).listener(new OrderListener() {
            @Override
            public void orderCreated(DomainName name, URI orderLocation) {
                createdOnResume.add(orderLocation);
            }
        }).execute();

        assertThat(issued.orderLocation()).isEqualTo(order);
        assertThat(issued.leaf().getSubjectAlternativeNames()).containsExactly(List.of(2, domain.ascii()));
        assertThat(createdOnResume).isEmpty();
        assertThat(store.allRemoved(domain)).isTrue();
    }

    @Test
    void aFinalizedOrderIsNotResumableBecauseItsCertificateKeyIsGone() throws Exception {
        DomainName domain = Pebble.freshDomain();
        IssuedCertificate issued = account.order(domain).challengeStore(store).execute();

        assertThatThrownBy(() -> account.resume(domain, issued.orderLocation()).challengeStore(store).execute())
                .isInstanceOfSatisfying(AcmeOrderNotResumableException.class, e -> {
                    assertThat(e.getOrderLocation()).isEqualTo(issued.orderLocation());
                    assertThat(e.getMessage()).contains("finalized");
                });
    }

    @Test
    void anOrderForAnotherNameOrUnknownToTheCaIsNotResumable() throws Exception {
        DomainName domain = Pebble.freshDomain();
        URI order = createThenCrash(domain);
        DomainName other = Pebble.freshDomain();

        assertThatThrownBy(() -> account.resume(other, order).challengeStore(store).execute())
                .isInstanceOf(AcmeOrderNotResumableException.class).hasMessageContaining("is for");
        URI unknown = URI.create(order.toString().replaceAll("[^/]+$", "no-such-order"));
        assertThatThrownBy(() -> account.resume(domain, unknown).challengeStore(store).execute())
                .isInstanceOf(AcmeOrderNotResumableException.class).hasMessageContaining("no longer shows it");
    }
}
