package dev.portico.core.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a custom domain must meet before Portico will ever ask a CA for it.
 *
 * @param platformDomain         the SaaS's own domain (e.g. {@code saas.example}); custom domains under it are refused
 *                               unless {@code allowPlatformSubdomains}, because the platform's wildcard covers them
 * @param allowPlatformSubdomains whether names under the platform domain may be registered as custom domains
 * @param extraSuffixes          special-use top-level names to accept anyway, e.g. {@code test} on one machine with
 *                               Pebble; empty in production
 */
public record DomainNamePolicy(Optional<String> platformDomain, boolean allowPlatformSubdomains,
        Set<String> extraSuffixes) {

    public DomainNamePolicy {
        platformDomain = platformDomain.map(DomainNamePolicy::canonical);
        extraSuffixes = extraSuffixes.stream().map(DomainNamePolicy::canonical).collect(Collectors.toUnmodifiableSet());
    }

    /** Public names only, no platform domain. */
    public static DomainNamePolicy strict() {
        return new DomainNamePolicy(Optional.empty(), false, Set.of());
    }

    public DomainNamePolicy withPlatformDomain(String domain, boolean allowSubdomains) {
        return new DomainNamePolicy(Optional.of(domain), allowSubdomains, extraSuffixes);
    }

    public DomainNamePolicy withExtraSuffixes(Set<String> suffixes) {
        return new DomainNamePolicy(platformDomain, allowPlatformSubdomains, suffixes);
    }

    /** Validates and canonicalizes a name from outside. */
    public DomainName parse(String input) throws InvalidDomainNameException {
        return DomainNameParser.parse(input, this);
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") ? lower.substring(1) : lower;
    }
}
