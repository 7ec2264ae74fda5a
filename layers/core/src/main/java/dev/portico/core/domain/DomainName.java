package dev.portico.core.domain;

import com.ibm.icu.text.IDNA;
import java.util.Objects;

/**
 * A fully qualified domain name that passed {@link DomainNamePolicy}: lower case, A-label (punycode) form, no
 * trailing dot. Equal names are equal objects, so it is safe as a map key and in storage keys.
 *
 * <p>Obtain one with {@link DomainNamePolicy#parse(String)} for input from outside, or {@link #ofTrusted(String)}
 * for a name that Portico itself validated and stored earlier.
 */
public final class DomainName implements Comparable<DomainName> {
    private final String ascii;

    private DomainName(String ascii) {
        this.ascii = ascii;
    }

    /** Used by the parser once every rule has passed. */
    static DomainName validated(String ascii) {
        return new DomainName(ascii);
    }

    /**
     * Rebuilds a name read back from Portico's own storage, where only validated names are written. Rejects anything
     * that is not already in canonical form, so a corrupted or foreign key fails loudly instead of being served.
     */
    public static DomainName ofTrusted(String canonical) {
        Objects.requireNonNull(canonical, "canonical");
        if (canonical.isEmpty() || canonical.length() > DomainNameParser.MAX_NAME_LENGTH
                || !canonical.chars().allMatch(DomainName::isCanonicalChar)
                || canonical.startsWith(".") || canonical.endsWith(".") || canonical.contains("..")) {
            throw new IllegalArgumentException("not a canonical domain name: " + canonical);
        }
        return new DomainName(canonical);
    }

    private static boolean isCanonicalChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /** The A-label form, e.g. {@code xn--bcher-kva.example}; what goes on the wire, in SNI and in certificates. */
    public String ascii() {
        return ascii;
    }

    /** The U-label form for people, e.g. {@code bücher.example}; equal to {@link #ascii()} for ASCII names. */
    public String unicode() {
        if (!ascii.contains("xn--")) {
            return ascii;
        }
        StringBuilder out = new StringBuilder();
        DomainNameParser.UTS46.nameToUnicode(ascii, out, new IDNA.Info());
        return out.toString();
    }

    @Override
    public int compareTo(DomainName other) {
        return ascii.compareTo(other.ascii);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainName other && ascii.equals(other.ascii);
    }

    @Override
    public int hashCode() {
        return ascii.hashCode();
    }

    @Override
    public String toString() {
        return ascii;
    }
}
