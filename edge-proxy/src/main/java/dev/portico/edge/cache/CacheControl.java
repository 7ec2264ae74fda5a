package dev.portico.edge.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Cache-Control directives a shared cache acts on (RFC 9111 section 5.2, RFC 5861), parsed leniently: unknown
 * directives are ignored, a malformed delta-seconds makes its directive count as absent, except for the ones whose
 * mere presence matters (no-store, private, no-cache), which count whatever their argument.
 */
public record CacheControl(Optional<Duration> maxAge, Optional<Duration> sMaxAge, boolean noStore, boolean noCache,
        boolean isPrivate, boolean isPublic, boolean mustRevalidate, boolean proxyRevalidate,
        Optional<Duration> staleWhileRevalidate, Optional<Duration> staleIfError, Optional<Duration> maxStale,
        Optional<Duration> minFresh, boolean onlyIfCached, boolean mustUnderstand) {

    public static final CacheControl NONE = new CacheControl(Optional.empty(), Optional.empty(), false, false, false,
            false, false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, false);

    /** Surrogate-Control's max-age is the edge's lifetime: it becomes s-maxage, over any shared-cache default. */
    CacheControl asSharedCacheDirectives() {
        return new CacheControl(maxAge, maxAge.or(() -> sMaxAge), noStore, noCache, false, true, mustRevalidate,
                proxyRevalidate, staleWhileRevalidate, staleIfError, maxStale, minFresh, onlyIfCached, false);
    }

    /** Every Cache-Control header line of a message, in order; several lines combine as one list. */
    public static CacheControl parse(List<String> headerValues) {
        Builder b = new Builder();
        for (String value : headerValues) {
            for (String directive : splitDirectives(value)) {
                b.apply(directive);
            }
        }
        return b.build();
    }

    /** Commas inside quoted strings do not separate directives ({@code private="Set-Cookie, X-A"}). */
    private static List<String> splitDirectives(String value) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static final class Builder {
        private Optional<Duration> maxAge = Optional.empty();
        private Optional<Duration> sMaxAge = Optional.empty();
        private boolean noStore;
        private boolean noCache;
        private boolean isPrivate;
        private boolean isPublic;
        private boolean mustRevalidate;
        private boolean proxyRevalidate;
        private Optional<Duration> staleWhileRevalidate = Optional.empty();
        private Optional<Duration> staleIfError = Optional.empty();
        private Optional<Duration> maxStale = Optional.empty();
        private Optional<Duration> minFresh = Optional.empty();
        private boolean onlyIfCached;
        private boolean mustUnderstand;

        void apply(String directive) {
            String d = directive.strip();
            if (d.isEmpty()) {
                return;
            }
            int eq = d.indexOf('=');
            String name = (eq < 0 ? d : d.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String argument = eq < 0 ? null : unquote(d.substring(eq + 1).strip());
            switch (name) {
                case "max-age" -> maxAge = first(maxAge, seconds(argument));
                case "s-maxage" -> sMaxAge = first(sMaxAge, seconds(argument));
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = noCache || argument == null; // no-cache="field" only drops fields
                case "private" -> isPrivate = isPrivate || argument == null; // private="field" likewise
                case "public" -> isPublic = true;
                case "must-revalidate" -> mustRevalidate = true;
                case "proxy-revalidate" -> proxyRevalidate = true;
                case "stale-while-revalidate" -> staleWhileRevalidate = first(staleWhileRevalidate, seconds(argument));
                case "stale-if-error" -> staleIfError = first(staleIfError, seconds(argument));
                case "max-stale" -> maxStale = first(maxStale, argument == null
                        ? Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 2)) : seconds(argument));
                case "min-fresh" -> minFresh = first(minFresh, seconds(argument));
                case "only-if-cached" -> onlyIfCached = true;
                case "must-understand" -> mustUnderstand = true;
                default -> {
                    // not a directive a shared cache acts on
                }
            }
        }

        /** RFC 9111 section 4.2.1: the first occurrence of a duplicated directive counts. */
        private static Optional<Duration> first(Optional<Duration> existing, Optional<Duration> next) {
            return existing.isPresent() ? existing : next;
        }

        CacheControl build() {
            return new CacheControl(maxAge, sMaxAge, noStore, noCache, isPrivate, isPublic, mustRevalidate,
                    proxyRevalidate, staleWhileRevalidate, staleIfError, maxStale, minFresh, onlyIfCached,
                    mustUnderstand);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** delta-seconds: digits only; an overflowing value means "very long" (RFC 9111 section 1.2.2). */
    static Optional<Duration> seconds(String argument) {
        if (argument == null || argument.isEmpty() || !argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        if (argument.length() > 10) {
            return Optional.of(Duration.ofSeconds(Integer.MAX_VALUE));
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(argument)));
    }
}
