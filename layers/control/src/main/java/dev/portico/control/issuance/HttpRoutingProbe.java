package dev.portico.control.issuance;

import dev.portico.core.domain.DomainName;
import dev.portico.core.store.ChallengeStore;
import dev.portico.core.store.Http01Challenge;
import dev.portico.core.store.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes routing the way the CA will validate: a probe token is published in the {@link ChallengeStore} exactly like
 * an HTTP-01 answer, then {@code http://<domain>/.well-known/acme-challenge/<token>} is fetched from each address the
 * name resolves to. Routed when some address returns the answer and none returns anything else (the CA may pick any
 * of them; one that connects and answers wrongly fails validation, one that does not connect is passed over).
 * Redirects are not followed: the edge answers challenges itself.
 */
public final class HttpRoutingProbe implements RoutingProbe {
    /** Long enough for one probe, short enough that a probe token left behind by a crash soon disappears. */
    static final Duration TOKEN_TTL = Duration.ofSeconds(60);
    static final int MAX_ADDRESSES = 4;
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutingProbe.class);
    private static final String PATH = "/.well-known/acme-challenge/";

    /** Name resolution, injectable so tests map test names to loopback. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final ChallengeStore challenges;
    private final int port;
    private final Duration timeout;
    private final Resolver resolver;
    private final SecureRandom random = new SecureRandom();

    public HttpRoutingProbe(ChallengeStore challenges, int port, Duration timeout, Resolver resolver) {
        this.challenges = Objects.requireNonNull(challenges, "challenges");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        if (port < 1 || port > 65535 || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("probe port must be 1-65535 and timeout positive, got " + port + ", "
                    + timeout);
        }
        this.port = port;
    }

    /** Resolves with the JVM's resolver (the system's DNS). */
    public HttpRoutingProbe(ChallengeStore challenges, int port, Duration timeout) {
        this(challenges, port, timeout, host -> List.of(InetAddress.getAllByName(host)));
    }

    @Override
    public Result probe(DomainName domain) throws StoreException {
        String token = randomBase64Url();
        String keyAuthorization = token + "." + randomBase64Url();
        challenges.put(new Http01Challenge(token, domain, keyAuthorization), TOKEN_TTL);
        try {
            return probe(domain, token, keyAuthorization);
        } finally {
            try {
                challenges.remove(token);
            } catch (StoreException e) {
                LOG.warn("{}: could not remove probe token; it expires within {}: {}", domain, TOKEN_TTL,
                        e.getMessage());
            }
        }
    }

    private Result probe(DomainName domain, String token, String keyAuthorization) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(domain.ascii());
        } catch (UnknownHostException e) {
            return Result.notRouted(domain.unicode() + " does not resolve (no A or AAAA records)");
        }
        if (addresses.isEmpty()) {
            return Result.notRouted(domain.unicode() + " does not resolve (no A or AAAA records)");
        }
        List<String> right = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (InetAddress address : addresses.subList(0, Math.min(MAX_ADDRESSES, addresses.size()))) {
            String where = address.getHostAddress() + ":" + port;
            try {
                ProbeHttp.Response response = fetch(address, domain, token);
                if (response.status() == 200 && !response.truncated()
                        && response.body().stripTrailing().equals(keyAuthorization)) {
                    right.add(where);
                } else {
                    wrong.add(where + " " + describe(response));
                }
            } catch (ConnectException | SocketTimeoutException e) {
                unreachable.add(where + " (" + e.getMessage() + ")");
            } catch (IOException e) {
                wrong.add(where + " (" + e.getMessage() + ")");
            }
        }
        if (!right.isEmpty() && wrong.isEmpty()) {
            return Result.routed(domain.unicode() + " answers from " + String.join(", ", right));
        }
        List<String> seen = new ArrayList<>(wrong);
        seen.addAll(unreachable);
        return Result.notRouted(String.join("; ", seen));
    }

    private ProbeHttp.Response fetch(InetAddress address, DomainName domain, String token) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            // The CA sends the bare name for port 80; the edge strips any port either way.
            socket.getOutputStream().write(ProbeHttp.request(domain.ascii(), PATH + token));
            socket.getOutputStream().flush();
            return ProbeHttp.read(socket, deadline);
        }
    }

    private static String describe(ProbeHttp.Response response) {
        if (response.status() / 100 == 3) {
            return "redirects to " + response.location().orElse("?") + " instead of answering the challenge itself";
        }
        return response.status() == 200 ? "answered, but not with our challenge answer"
                : "answered HTTP " + response.status() + " instead of our challenge answer";
    }

    private String randomBase64Url() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
