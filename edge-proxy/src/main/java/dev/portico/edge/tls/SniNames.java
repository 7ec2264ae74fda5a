package dev.portico.edge.tls;

/**
 * A cheap syntactic filter for SNI names before anything is cached or read for them. Netty hands over the name
 * lower-cased and in A-label form; a name that could never have been registered (one label, an IP literal, odd
 * characters, too long) gets the fallback without touching the cache or the store.
 */
final class SniNames {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private SniNames() {
    }

    static boolean isPlausible(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        int labelStart = 0;
        int dots = 0;
        boolean allDigitsOrDots = true;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '.') {
                int length = i - labelStart;
                if (length == 0 || length > MAX_LABEL_LENGTH || name.charAt(labelStart) == '-'
                        || name.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
                dots++;
            } else if ((c >= 'a' && c <= 'z') || c == '-') {
                allDigitsOrDots = false;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        // dots counts the sentinel too: two labels or more, and not a dotted IPv4 literal.
        return dots >= 2 && !allDigitsOrDots;
    }
}
