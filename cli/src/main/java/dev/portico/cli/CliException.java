package dev.portico.cli;

/** A failure the user can act on: the message says what happened and what to do; the exit code says which kind. */
final class CliException extends Exception {
    /** Exit codes, for scripts. */
    static final int API_ERROR = 1;
    static final int UNREACHABLE = 3;
    static final int NOT_FOUND = 4;
    static final int FORBIDDEN = 5;
    static final int GAVE_UP_WAITING = 6;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
