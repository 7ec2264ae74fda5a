package dev.portico.edge.tls;

import dev.portico.edge.store.Lookup;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the ClientHello's server name, makes sure the name's certificate is in the cache (reading the store off the
 * event loop when it is not), and then hands the connection to the shared context's engine, created with the
 * certificate it is to present ({@link ServerTlsContext#newHandler}). One per connection; it replaces itself with the
 * {@link SslHandler}.
 *
 * <p>Leaves the requested name on the channel ({@link #REQUESTED_NAME}), for the HTTP side to check {@code Host}
 * against; absent when the client sent none.
 */
public final class SniCertificateHandler extends SniHandler {
    /** The SNI name as the client sent it (lower case), whether or not it has a certificate. */
    public static final AttributeKey<String> REQUESTED_NAME = AttributeKey.valueOf("portico.sni");

    private final ServerTlsContext tls;
    private final SslContext shared;
    private final CertificateCache cache;
    private ServedCertificate chosen;

    public SniCertificateHandler(ServerTlsContext tls, CertificateCache cache, long handshakeTimeoutMillis) {
        super((input, promise) -> promise.setSuccess(tls.context()), handshakeTimeoutMillis);
        this.tls = tls;
        this.shared = tls.context();
        this.cache = cache;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) {
        if (hostname == null) {
            return ctx.executor().newSucceededFuture(shared);
        }
        ctx.channel().attr(REQUESTED_NAME).set(hostname);
        CompletableFuture<Lookup<ServedCertificate>> lookup = cache.lookup(hostname);
        if (lookup.isDone()) {
            choose(lookup.join());
            return ctx.executor().newSucceededFuture(shared);
        }
        Promise<SslContext> selected = ctx.executor().newPromise();
        lookup.whenComplete((result, neverThrown) -> ctx.executor().execute(() -> {
            choose(result);
            selected.trySuccess(shared);
        }));
        return selected;
    }

    private void choose(Lookup<ServedCertificate> lookup) {
        chosen = lookup instanceof Lookup.Found<ServedCertificate> found ? found.value() : null;
    }

    /** Null {@link #chosen} means the fallback. */
    @Override
    protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
        SslHandler handler = tls.newHandler(allocator, chosen);
        // The engine holds what it needs; the cache alone decides how long the certificate lives.
        chosen = null;
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }
}
