package dev.portico.functions.domains;

/** Small helpers for echoing client input into messages and logs without letting it grow without bound. */
final class Texts {
    private Texts() {
    }

    /** At most {@code max} characters, marked when cut. Null stays null. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "...";
    }
}
