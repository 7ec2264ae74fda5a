package dev.portico.core;

/**
 * The checked root of every failure Portico reports. Callers catch a specific subclass where they can act on it
 * (retry later, answer 4xx, fall back) and this one where they only log and report.
 */
public class PorticoException extends Exception {
    private static final long serialVersionUID = 1L;

    public PorticoException(String message) {
        super(message);
    }

    public PorticoException(String message, Throwable cause) {
        super(message, cause);
    }
}
