package dev.portico.edge.cache;

/**
 * Whether a shared cache may store a response (RFC 9111 section 3), with the reason when not, for {@code X-Cache:
 * BYPASS} and the logs. Stricter than the RFC where a CDN must be: a response setting a cookie is stored only when the
 * origin says {@code public} or {@code s-maxage}, since one visitor's cookie must never reach another.
 */
public final class Storability {
    /** The answer; every value but {@link #STORE} names the rule that refused. */
    public enum Verdict {
        STORE, METHOD, REQUEST_NO_STORE, NO_STORE, PRIVATE, AUTHORIZATION, SET_COOKIE, STATUS, VARY_ALL, NO_LIFETIME,
        NOT_UNDERSTOOD
    }

    /** Statuses whose caching semantics this cache implements. */
    static final java.util.Set<Integer> UNDERSTOOD = java.util.Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308,
            404, 405, 410, 414, 501);

    private Storability() {
    }

    public static Verdict decide(String method, CacheControl request, boolean requestHasAuthorization,
            ResponseMeta response) {
        CacheControl cc = response.cacheControl();
        if (!method.equals("GET")) {
            return Verdict.METHOD;
        }
        if (request.noStore()) {
            return Verdict.REQUEST_NO_STORE;
        }
        // must-understand (RFC 9111 section 5.2.2.3): store only a status whose caching rules we know; for those it
        // overrides the no-store sent beside it for older caches.
        if (cc.mustUnderstand() && !UNDERSTOOD.contains(response.status())) {
            return Verdict.NOT_UNDERSTOOD;
        }
        if (cc.noStore() && !cc.mustUnderstand()) {
            return Verdict.NO_STORE;
        }
        if (cc.isPrivate()) {
            return Verdict.PRIVATE;
        }
        if (requestHasAuthorization && !(cc.isPublic() || cc.sMaxAge().isPresent() || cc.mustRevalidate())) {
            return Verdict.AUTHORIZATION;
        }
        if (response.setsCookie() && !(cc.isPublic() || cc.sMaxAge().isPresent())) {
            return Verdict.SET_COOKIE;
        }
        int status = response.status();
        if (status < 200 || status == 206 || status == 304 || status >= 600) {
            return Verdict.STATUS;
        }
        if (response.vary().contains("*")) {
            return Verdict.VARY_ALL;
        }
        boolean cacheableByDefault = Freshness.HEURISTICALLY_CACHEABLE.contains(status);
        if (!(Freshness.hasExplicitLifetime(response) || cc.isPublic() || cacheableByDefault)) {
            return Verdict.NO_LIFETIME;
        }
        // Allowed, but useless: never fresh, and nothing to validate it with.
        boolean validators = response.etag().isPresent() || response.lastModified().isPresent();
        boolean everFresh = !cc.noCache() && !Freshness.lifetime(response).isZero();
        if (!everFresh && !validators) {
            return Verdict.NO_LIFETIME;
        }
        return Verdict.STORE;
    }
}
