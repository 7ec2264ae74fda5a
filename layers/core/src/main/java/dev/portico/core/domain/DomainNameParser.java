package dev.portico.core.domain;

import static dev.portico.core.domain.InvalidDomainNameException.Reason.*;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import dev.portico.core.domain.InvalidDomainNameException.Reason;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns input into a {@link DomainName} or says exactly which rule it broke. Checks run from the cheapest and most
 * telling (a URL pasted instead of a name) to the most expensive (IDNA mapping, Public Suffix List), so a person
 * gets the message about their actual mistake.
 */
final class DomainNameParser {
    static final int MAX_NAME_LENGTH = 253;
    static final int MAX_LABEL_LENGTH = 63;
    /** Input far beyond any valid name is refused before IDNA work, whatever it contains. */
    static final int MAX_INPUT_LENGTH = 1024;

    static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO | IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE);

    /** RFC 6761/6762/7686/9476 special-use names and ICANN's .internal: never publicly resolvable. */
    private static final Set<String> SPECIAL_USE_TLDS = Set.of("localhost", "invalid", "test", "example", "local",
            "onion", "alt", "internal", "arpa");
    private static final Pattern LDH = Pattern.compile("[a-z0-9-]+");
    private static final Pattern PORT_SUFFIX = Pattern.compile(".*[^:]:[0-9]*$");

    private DomainNameParser() {
    }

    static DomainName parse(String input, DomainNamePolicy policy) throws InvalidDomainNameException {
        checkShape(input);
        String ascii = toAscii(stripTrailingDot(input), input);
        checkStructure(ascii, input);
        checkRegistrable(ascii, input, policy);
        return DomainName.validated(ascii);
    }

    /** Mistakes visible in the raw text: emptiness, size, URLs, ports, spaces, wildcards, IP literals. */
    private static void checkShape(String input) throws InvalidDomainNameException {
        if (input == null || input.isEmpty()) {
            throw fail(EMPTY, input, "domain name is empty");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw fail(TOO_LONG, input, "domain name is " + input.length() + " characters long; a name has at most "
                    + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw fail(WHITESPACE_OR_CONTROL, input, String.format(
                        "domain name contains whitespace or a control character (U+%04X) at position %d", (int) c, i));
            }
        }
        if (input.contains("://") || input.contains("/") || input.contains("?") || input.contains("#")
                || input.contains("@")) {
            throw fail(LOOKS_LIKE_URL, input, "'" + input + "' looks like a URL; give only the host name, "
                    + "e.g. shop.example.com, without scheme, path, query or user");
        }
        if (input.startsWith("[") || IpLiterals.isIpLiteral(input) || IpLiterals.isIpLiteral(stripTrailingDot(input))) {
            throw fail(IP_ADDRESS, input, "'" + input + "' is an IP address; certificates are issued for names only");
        }
        if (input.indexOf(':') >= 0) {
            throw fail(PORT_SUFFIX.matcher(input).matches() ? HAS_PORT : INVALID_CHARACTER, input,
                    PORT_SUFFIX.matcher(input).matches()
                            ? "'" + input + "' includes a port; give the name without ':port' (the edge serves 80 and 443)"
                            : "domain name contains ':'");
        }
        if (input.indexOf('*') >= 0) {
            throw fail(WILDCARD, input, "wildcard names such as '" + input + "' are not supported; register each name");
        }
        if (input.indexOf('_') >= 0) {
            throw fail(UNDERSCORE, input, "'" + input + "' contains '_'; host names allow only letters, digits and '-'");
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < 0x80 && !isLdhOrDot(c)) {
                throw fail(INVALID_CHARACTER, input, "'" + input + "' contains '" + c
                        + "'; host names allow only letters, digits, '-' and '.'");
            }
        }
    }

    private static boolean isLdhOrDot(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    private static String stripTrailingDot(String s) {
        return s.endsWith(".") && !s.endsWith("..") ? s.substring(0, s.length() - 1) : s;
    }

    /** Lower case A-labels; pure LDH names skip IDNA processing, which keeps the common path cheap. */
    private static String toAscii(String name, String input) throws InvalidDomainNameException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (isPlainAscii(lower) && !lower.contains("xn--")) {
            return lower;
        }
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(name, out, info);
        if (info.hasErrors()) {
            throw idnaFailure(info.getErrors(), input);
        }
        rejectSymbols(out.toString(), input);
        return stripTrailingDot(out.toString());
    }

    /**
     * UTS 46 accepts symbols such as emoji, IDNA2008 (RFC 5892) does not, and CAs follow IDNA2008: refuse them here
     * rather than let the order fail at the CA.
     */
    private static void rejectSymbols(String ascii, String input) throws InvalidDomainNameException {
        StringBuilder unicode = new StringBuilder();
        UTS46.nameToUnicode(ascii, unicode, new IDNA.Info());
        boolean symbol = unicode.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.OTHER_SYMBOL, Character.MATH_SYMBOL, Character.MODIFIER_SYMBOL, Character.CURRENCY_SYMBOL -> true;
            default -> false;
        });
        if (symbol) {
            throw fail(IDN_DISALLOWED, input, "'" + input + "' contains a symbol or emoji, which IDNA2008 and CAs do not allow");
        }
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static InvalidDomainNameException idnaFailure(Set<IDNA.Error> errors, String input) {
        // Report the most telling error first: structure before script rules.
        if (errors.contains(IDNA.Error.EMPTY_LABEL)) {
            return fail(EMPTY_LABEL, input, "'" + input + "' has an empty label (two dots in a row, or a leading dot)");
        }
        if (errors.contains(IDNA.Error.DOMAIN_NAME_TOO_LONG)) {
            return tooLong(input);
        }
        if (errors.contains(IDNA.Error.LABEL_TOO_LONG)) {
            return fail(LABEL_TOO_LONG, input, "'" + input + "' has a label longer than 63 characters in its encoded form");
        }
        if (errors.contains(IDNA.Error.LEADING_HYPHEN) || errors.contains(IDNA.Error.TRAILING_HYPHEN)) {
            return hyphenAtEdge(input);
        }
        if (errors.contains(IDNA.Error.PUNYCODE) || errors.contains(IDNA.Error.INVALID_ACE_LABEL)) {
            return fail(INVALID_PUNYCODE, input, "'" + input + "' has an 'xn--' label that is not valid punycode");
        }
        if (errors.contains(IDNA.Error.HYPHEN_3_4)) {
            return reservedHyphens(input);
        }
        if (errors.contains(IDNA.Error.BIDI)) {
            return fail(IDN_BIDI, input, "'" + input + "' mixes right-to-left and left-to-right text in a way IDNA forbids");
        }
        if (errors.contains(IDNA.Error.CONTEXTJ) || errors.contains(IDNA.Error.CONTEXTO_DIGITS)
                || errors.contains(IDNA.Error.CONTEXTO_PUNCTUATION)) {
            return fail(IDN_CONTEXT, input, "'" + input + "' uses a joiner, digit mix or punctuation outside the context IDNA allows");
        }
        if (errors.contains(IDNA.Error.LEADING_COMBINING_MARK)) {
            return fail(IDN_COMBINING_MARK, input, "'" + input + "' has a label starting with a combining mark");
        }
        return fail(IDN_DISALLOWED, input, "'" + input + "' contains characters not allowed in domain names (IDNA2008/UTS 46)");
    }

    /** Lengths and label rules on the final A-label form (RFC 1035, RFC 5890). */
    private static void checkStructure(String ascii, String input) throws InvalidDomainNameException {
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw tooLong(input);
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                throw fail(EMPTY_LABEL, input, "'" + input + "' has an empty label (two dots in a row, or a leading dot)");
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                throw fail(LABEL_TOO_LONG, input, "'" + input + "' has a label of " + label.length()
                        + " characters; at most 63 are allowed");
            }
            if (!LDH.matcher(label).matches()) {
                throw fail(INVALID_CHARACTER, input, "'" + input + "' contains characters other than letters, digits and '-'");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw hyphenAtEdge(input);
            }
            if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-' && !label.startsWith("xn--")) {
                throw reservedHyphens(input);
            }
        }
        if (labels.length == 1) {
            throw fail(SINGLE_LABEL, input, "'" + input + "' is a single label; give a full name such as shop.example.com");
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw fail(NUMERIC_TLD, input, "'" + input + "' ends in an all-numeric label, which no top-level domain is");
        }
    }

    /** Only names a tenant can own: under a public suffix, not a suffix itself, not special-use, not ours. */
    private static void checkRegistrable(String ascii, String input, DomainNamePolicy policy)
            throws InvalidDomainNameException {
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        boolean extra = policy.extraSuffixes().stream().anyMatch(s -> ascii.endsWith("." + s));
        if (SPECIAL_USE_TLDS.contains(tld) && !extra) {
            throw fail(SPECIAL_USE, input, "'" + input + "' is under the special-use name '." + tld
                    + "', which never resolves publicly; no CA will issue for it");
        }
        if (policy.platformDomain().isPresent() && !policy.allowPlatformSubdomains()) {
            String platform = policy.platformDomain().get();
            if (ascii.equals(platform) || ascii.endsWith("." + platform)) {
                throw fail(PLATFORM_DOMAIN, input, "'" + input + "' is under the platform domain " + platform
                        + ", which the platform's own certificate covers; register the tenant's own domain instead");
            }
        }
        if (extra) {
            return;
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException e) {
            throw fail(INVALID_CHARACTER, input, "'" + input + "' is not a valid host name: " + e.getMessage());
        }
        if (name.isPublicSuffix()) {
            throw fail(PUBLIC_SUFFIX, input, "'" + input + "' is a public suffix (like com or co.uk) that no single "
                    + "tenant owns; register a name under it, e.g. shop." + ascii);
        }
        if (!name.isUnderPublicSuffix()) {
            throw fail(UNKNOWN_TLD, input, "'" + input + "' is not under any known top-level domain ('." + tld + "')");
        }
    }

    private static InvalidDomainNameException tooLong(String input) {
        return fail(TOO_LONG, input, "domain name is longer than " + MAX_NAME_LENGTH + " characters in its encoded form");
    }

    private static InvalidDomainNameException hyphenAtEdge(String input) {
        return fail(HYPHEN_AT_LABEL_EDGE, input, "'" + input + "' has a label that starts or ends with '-'");
    }

    private static InvalidDomainNameException reservedHyphens(String input) {
        return fail(RESERVED_HYPHENS, input, "'" + input + "' has '--' in the third and fourth characters of a label, "
                + "which is reserved for encoded (xn--) labels");
    }

    private static InvalidDomainNameException fail(Reason reason, String input, String message) {
        String shown = input == null ? "" : input.length() > 80 ? input.substring(0, 80) + "..." : input;
        return new InvalidDomainNameException(reason, shown, message.replace(input == null ? "\0" : input, shown));
    }
}
