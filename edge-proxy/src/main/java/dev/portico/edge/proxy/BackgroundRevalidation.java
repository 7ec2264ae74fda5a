package dev.portico.edge.proxy;

import dev.portico.edge.cache.BodyCopy;
import dev.portico.edge.cache.CacheKey;
import dev.portico.edge.cache.CachedResponse;
import dev.portico.edge.cache.EdgeCache;
import dev.portico.edge.cache.ResponseCache;
import dev.portico.edge.cache.ResponseMeta;
import dev.portico.edge.cache.Storability;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;

/**
 * stale-while-revalidate (RFC 5861): the visitor got the stale response at once; this asks the origin on its own,
 * with the stored validators, and stores what comes back (a 304 refreshes, a storable 200 replaces, anything else
 * leaves the entry to expire). One per URL at a time: it leads the URL's fetch like a miss does.
 */
final class BackgroundRevalidation implements OriginBackendHandler.Exchange {
    private final ResponseCache cache;
    private final CacheKey key;
    private final CachedResponse stale;
    private final String tenant;
    private final HttpHeaders visitorHeaders;
    private final Instant requestTime;
    private Channel origin;
    private HttpResponse head;
    private ResponseMeta meta;
    private BodyCopy body;
    private boolean keepAlive;

    private BackgroundRevalidation(ResponseCache cache, CacheKey key, CachedResponse stale, String tenant,
            HttpHeaders visitorHeaders) {
        this.cache = cache;
        this.key = key;
        this.stale = stale;
        this.tenant = tenant;
        this.visitorHeaders = visitorHeaders.copy();
        this.requestTime = cache.now();
    }

    /** @param toOrigin the visitor's request as the origin would get it; released here */
    static void start(OriginPools pools, EventLoop loop, ResponseCache cache, CacheKey key, HttpRequest toOrigin,
            OriginKey originKey, CachedResponse stale, String tenant, HttpHeaders visitorHeaders) {
        if (cache.joinOrLead(key).isPresent()) {
            ReferenceCountUtil.release(toOrigin);
            return;
        }
        stale.meta().etag().ifPresent(etag -> toOrigin.headers().set(HttpHeaderNames.IF_NONE_MATCH, etag));
        String modified = stale.headers().get(HttpHeaderNames.LAST_MODIFIED);
        if (modified != null) {
            toOrigin.headers().set(HttpHeaderNames.IF_MODIFIED_SINCE, modified);
        }
        BackgroundRevalidation revalidation = new BackgroundRevalidation(cache, key, stale, tenant, visitorHeaders);
        pools.acquire(loop, originKey).addListener(acquired -> {
            if (!acquired.isSuccess()) {
                ReferenceCountUtil.release(toOrigin);
                cache.fetched(key);
                return;
            }
            revalidation.origin = (Channel) acquired.getNow();
            OriginBackendHandler.of(revalidation.origin).bind(revalidation);
            revalidation.origin.writeAndFlush(toOrigin);
        });
    }

    @Override
    public void onResponse(HttpResponse response) {
        head = response;
        keepAlive = HttpUtil.isKeepAlive(response);
        int status = response.status().code();
        if (status == 304) {
            cache.store().store(key, stale.refreshedBy(response.headers(), requestTime, cache.now()));
            return;
        }
        meta = ResponseMeta.of(status, response.headers());
        long length = HttpUtil.getContentLength(response, -1L);
        if (Storability.decide("GET", dev.portico.edge.cache.CacheControl.NONE,
                visitorHeaders.contains(HttpHeaderNames.AUTHORIZATION), meta) == Storability.Verdict.STORE
                && length <= cache.store().maxObjectBytes()) {
            body = new BodyCopy(cache.store().maxObjectBytes(), length);
        }
    }

    @Override
    public void onContent(HttpContent content) {
        try {
            if (body != null && !body.add(content.content())) {
                body = null;
            }
        } finally {
            ReferenceCountUtil.release(content);
        }
        if (content instanceof LastHttpContent) {
            if (body != null && meta != null) {
                HttpHeaders headers = head.headers().copy();
                OriginRequests.stripHopByHop(headers);
                headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
                cache.store().store(key, new CachedResponse(head.status().code(), headers, body.toByteArray(), meta,
                        requestTime, cache.now(), EdgeCache.varyValues(meta, visitorHeaders), tenant));
            }
            Channel used = origin;
            OriginBackendHandler.of(used).unbind();
            if (keepAlive) {
                OriginPools.release(used);
            } else {
                OriginPools.discard(used);
            }
            cache.fetched(key);
        }
    }

    @Override
    public void onOriginFailed(String why, boolean timedOut) {
        if (origin != null) {
            OriginPools.discard(origin);
        }
        cache.fetched(key);
    }

    @Override
    public void onOriginWritabilityChanged(boolean writable) {
        // a bodiless GET: nothing to hold back
    }
}
