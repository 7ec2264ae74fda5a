package dev.portico.edge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.portico.edge.TestCa;
import dev.portico.edge.store.Lookup;
import dev.portico.edge.store.StoreCacheSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared context hands each engine the chosen certificate's native credential, and copes with the cache letting
 * go of it at any moment: before the engine is made (the name's current certificate is used, else the fallback) and
 * after (the engine holds its own reference). In-memory handshakes against a JDK client.
 */
class ServerTlsContextTest {
    private static final String NAME = "shop.tls.test";

    private final Map<String, TestCa.Leaf> stored = new ConcurrentHashMap<>();
    private TestCa ca;
    private CertificateCache cache;
    private ServerTlsContext tls;
    private SSLContext client;

    @BeforeEach
    void start() throws Exception {
        assumeThat(ServedCertificate.NATIVE).as("BoringSSL available").isTrue();
        ca = TestCa.create();
        stored.put(NAME, ca.issue(NAME));
        cache = new CertificateCache(name -> Optional.ofNullable(stored.get(name.ascii())).map(leaf ->
                ServedCertificate.open(leaf.name(), new X509Certificate[] {leaf.certificate()},
                        leaf.keys().getPrivate(), leaf.serial(), leaf.certificate().getNotAfter().toInstant())),
                Executors.newVirtualThreadPerTaskExecutor(), StoreCacheSettings.defaults());
        tls = ServerTlsContext.build(cache, FallbackCertificate.generate());
        client = TestCa.trustingAnything();
    }

    @Test
    void aCachedNameIsPresentedFromItsCredential() throws Exception {
        ServedCertificate chosen = lookUp();
        assertThat(presented(chosen)).isEqualTo(stored.get(NAME).certificate());
        assertThat(presented(chosen)).isEqualTo(stored.get(NAME).certificate());
        assertThat(chosen.credential().refCnt()).as("the engines gave back theirs").isEqualTo(1);
        assertThat(tls.tenantHandshakes()).isEqualTo(2);
    }

    @Test
    void aCertificateReplacedSinceItsLookUpGivesWayToTheRenewedOne() throws Exception {
        ServedCertificate chosen = lookUp();
        TestCa.Leaf renewed = ca.issue(NAME);
        stored.put(NAME, renewed);
        cache.refresh(NAME);
        waitUntil(() -> chosen.refCnt() == 0);
        assertThat(presented(chosen)).isEqualTo(renewed.certificate());
        assertThat(tls.tenantHandshakes()).isEqualTo(1);
    }

    @Test
    void aCertificateRemovedSinceItsLookUpGivesWayToTheFallback() throws Exception {
        ServedCertificate chosen = lookUp();
        cache.invalidate(NAME);
        waitUntil(() -> chosen.refCnt() == 0);
        assertThat(presented(chosen).getSubjectX500Principal().getName())
                .isEqualTo("CN=" + FallbackCertificate.GENERATED_NAME);
        assertThat(tls.fallbackHandshakes()).isEqualTo(1);
        assertThat(tls.tenantHandshakes()).isZero();
    }

    @Test
    void anEngineKeepsItsCredentialWhenTheCacheLetsGoBeforeTheHandshake() throws Exception {
        ServedCertificate chosen = lookUp();
        SSLEngine server = tls.newHandler(ByteBufAllocator.DEFAULT, chosen).engine();
        try {
            cache.clear();
            waitUntil(() -> chosen.refCnt() == 0);
            assertThat(chosen.credential().refCnt()).as("the engine's own").isEqualTo(1);
            assertThat(MemoryHandshake.presentedLeaf(client, NAME, server)).isEqualTo(stored.get(NAME).certificate());
        } finally {
            ReferenceCountUtil.release(server);
        }
        assertThat(chosen.credential().refCnt()).as("freed with the connection").isZero();
    }

    private ServedCertificate lookUp() {
        return ((Lookup.Found<ServedCertificate>) cache.lookup(NAME).join()).value();
    }

    private X509Certificate presented(ServedCertificate chosen) throws Exception {
        SSLEngine server = tls.newHandler(ByteBufAllocator.DEFAULT, chosen).engine();
        try {
            return MemoryHandshake.presentedLeaf(client, NAME, server);
        } finally {
            ReferenceCountUtil.release(server);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
