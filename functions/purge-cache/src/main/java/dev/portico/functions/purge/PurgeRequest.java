package dev.portico.functions.purge;

import dev.portico.core.InvalidInputException;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainNamePolicy;
import dev.portico.core.domain.TenantId;
import dev.portico.core.event.EdgeEvent.PurgeScope;
import java.util.Locale;
import java.util.Objects;

/**
 * A purge as asked, every field checked: the domain by the same {@link DomainNamePolicy} the Domains API uses, the
 * tenant by {@link TenantId#parse}, the scope one of {@code host}, {@code url}, {@code prefix}, {@code tag}, and the
 * value by its scope's rules:
 * <ul>
 *   <li>{@code host}: no value (empty or absent); everything cached for the domain goes</li>
 *   <li>{@code url}: the path with its query as visitors request it, e.g. {@code /a?b=1}; starts with {@code /}</li>
 *   <li>{@code prefix}: a path prefix, e.g. {@code /assets/}; starts with {@code /}, no query (prefixes match paths)</li>
 *   <li>{@code tag}: a Surrogate-Key / Cache-Tag value, 1 to {@value #MAX_TAG_LENGTH} visible ASCII characters</li>
 * </ul>
 * Paths are at most {@value #MAX_PATH_LENGTH} characters of visible ASCII: the edge keys its entries by the
 * request-target exactly as the visitor sent it, which is ASCII (anything else arrives percent-encoded), so a value
 * with a space, a control character or a raw non-ASCII character could never match and is refused instead.
 */
public record PurgeRequest(DomainName domain, TenantId tenant, PurgeScope scope, String value) {
    public static final int MAX_PATH_LENGTH = 2048;
    public static final int MAX_TAG_LENGTH = 128;

    public PurgeRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Validates raw input from outside; the first field at fault is reported, in the order domain, tenant, scope,
     * value. {@code value} may be null (absent) for a host purge.
     */
    public static PurgeRequest parse(DomainNamePolicy names, String domain, String tenant, String scope, String value)
            throws InvalidInputException {
        DomainName name = names.parse(domain);
        TenantId owner = TenantId.parse(tenant);
        PurgeScope parsedScope = scope(scope);
        return new PurgeRequest(name, owner, parsedScope, value(parsedScope, value));
    }

    /** The scope as the API and the wire name it. */
    public static String label(PurgeScope scope) {
        return scope.name().toLowerCase(Locale.ROOT);
    }

    private static PurgeScope scope(String input) throws InvalidInputException {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("scope", "scope_missing",
                    "scope is missing: give one of host, url, prefix, tag");
        }
        return switch (input) {
            case "host" -> PurgeScope.HOST;
            case "url" -> PurgeScope.URL;
            case "prefix" -> PurgeScope.PREFIX;
            case "tag" -> PurgeScope.TAG;
            default -> throw new InvalidInputException("scope", "invalid_scope", "scope '" + clip(input, 40)
                    + "' is not one of host, url, prefix, tag");
        };
    }

    private static String value(PurgeScope scope, String input) throws InvalidInputException {
        if (scope == PurgeScope.HOST) {
            if (input != null && !input.isEmpty()) {
                throw new InvalidInputException("value", "value_not_allowed", "a host purge removes everything"
                        + " cached for the domain and takes no value; leave value out, or use scope url, prefix or tag");
            }
            return "";
        }
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("value", "value_missing", switch (scope) {
                case URL -> "a url purge needs the path with its query, e.g. /products/42?color=red";
                case PREFIX -> "a prefix purge needs a path prefix, e.g. /assets/";
                default -> "a tag purge needs the tag, as the origin sends it in Surrogate-Key or Cache-Tag";
            });
        }
        return scope == PurgeScope.TAG ? tag(input) : path(scope, input);
    }

    private static String path(PurgeScope scope, String input) throws InvalidInputException {
        if (input.length() > MAX_PATH_LENGTH) {
            throw new InvalidInputException("value", "value_too_long", "the " + label(scope) + " is "
                    + input.length() + " characters long; at most " + MAX_PATH_LENGTH + " are allowed");
        }
        if (!input.startsWith("/")) {
            throw new InvalidInputException("value", "value_not_a_path", "a " + label(scope) + " purge takes a path"
                    + " starting with '/', e.g. /assets/app.js, not '" + clip(input, 80) + "' (no scheme or host:"
                    + " the domain field names the host)");
        }
        int bad = firstInvisible(input);
        if (bad >= 0) {
            throw new InvalidInputException("value", "value_invalid_characters", "the " + label(scope)
                    + " holds " + describe(input.charAt(bad)) + " at position " + bad + "; spaces and control"
                    + " characters are not allowed, and other characters must be percent-encoded as visitors'"
                    + " requests carry them (e.g. %20, %C3%BC)");
        }
        if (scope == PurgeScope.PREFIX && input.indexOf('?') >= 0) {
            throw new InvalidInputException("value", "value_has_query", "a prefix matches paths, without their"
                    + " query; drop the '?...' part, or purge that one URL with scope url");
        }
        return input;
    }

    private static String tag(String input) throws InvalidInputException {
        if (input.length() > MAX_TAG_LENGTH) {
            throw new InvalidInputException("value", "value_too_long", "the tag is " + input.length()
                    + " characters long; at most " + MAX_TAG_LENGTH + " are allowed");
        }
        int bad = firstInvisible(input);
        if (bad >= 0) {
            throw new InvalidInputException("value", "value_invalid_characters", "the tag holds "
                    + describe(input.charAt(bad)) + " at position " + bad + "; a tag is visible ASCII only"
                    + " (letters, digits and punctuation, no spaces)");
        }
        return input;
    }

    /** Index of the first character outside visible ASCII (0x21 to 0x7E), or -1. */
    private static int firstInvisible(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        return c < 0x20 || c == 0x7F ? String.format("a control character (U+%04X)", (int) c)
                : String.format("a non-ASCII character (U+%04X)", (int) c);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
