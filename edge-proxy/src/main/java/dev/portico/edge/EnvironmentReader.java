package dev.portico.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** Typed reads of the environment; an unset or blank variable keeps its default; a bad value names the variable. */
final class EnvironmentReader {
    private final Function<String, String> env;

    EnvironmentReader(Function<String, String> env) {
        this.env = env;
    }

    int integer(String name, int fallback) {
        return (int) longInteger(name, fallback, Integer.MAX_VALUE);
    }

    long longInteger(String name, long fallback) {
        return longInteger(name, fallback, Long.MAX_VALUE);
    }

    private long longInteger(String name, long fallback, long max) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > max) {
                throw new IllegalArgumentException(name + " must be at most " + max + ", got '" + value + "'");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    Duration seconds(String name, Duration fallback) {
        return Duration.ofSeconds(longInteger(name, fallback.toSeconds()));
    }

    Duration millis(String name, Duration fallback) {
        return Duration.ofMillis(longInteger(name, fallback.toMillis()));
    }

    boolean bool(String name, boolean fallback) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    Optional<Path> path(String name) {
        return Optional.ofNullable(value(name)).map(Path::of);
    }

    InetAddress address(String name, InetAddress fallback) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        // Literals only: a name here would need DNS at start-up, and a typo would bind somewhere unexpected.
        if (!value.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            throw new IllegalArgumentException(name + " must be an IP address such as 0.0.0.0 or ::, got '" + value
                    + "'");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(name + " is not a valid IP address: '" + value + "'", e);
        }
    }

    private String value(String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
