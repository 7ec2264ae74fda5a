package dev.portico.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.core.domain.DomainName;
import dev.portico.local.LocalApiServer;
import dev.portico.local.LocalSystem;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code portico} command against the local system's API over HTTP, as a user runs it: add with --wait to
 * active, list as a table and as JSON, status, another tenant's removal refused, remove; and an API that is not
 * there.
 */
class PorticoCliIT {
    private static LocalSystem system;
    private static LocalApiServer api;

    /** One run: exit code and what it printed. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start("cli-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                LocalSystem.Ports.any());
        api = LocalApiServer.start(0, event -> system.api(event));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (system != null) {
            system.close();
        }
    }

    private static Run portico(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withApi = new String[args.length + 2];
        withApi[0] = "--api";
        withApi[1] = "http://127.0.0.1:" + api.port();
        System.arraycopy(args, 0, withApi, 2, args.length);
        int exit = Portico.run(withApi, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aDomainFromRegistrationToRemoval() {
        String tenant = "cli-" + UUID.randomUUID().toString().substring(0, 6);
        String domain = "shop-" + UUID.randomUUID().toString().substring(0, 6) + ".tenant-cli.test";

        Run added = portico("domains", "add", domain, "--tenant", tenant, "--origin", system.originUrl(),
                "--wait", "--timeout", "PT60S");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("registered " + domain + " for " + tenant)
                .contains(domain + " is active").contains("certificate  serial ");

        Run table = portico("domains", "list", "--tenant", tenant);
        assertThat(table.out()).startsWith("DOMAIN").contains(domain).contains("active").contains("1 domain");
        Run json = portico("--json", "domains", "list", "--tenant", tenant);
        assertThat(json.out()).contains("\"domain\" : \"" + domain + "\"");

        assertThat(portico("domains", "status", domain).out()).contains(domain + "  active").contains(tenant);

        Run refused = portico("domains", "remove", domain, "--tenant", "someone-else");
        assertThat(refused.exit()).isEqualTo(CliException.FORBIDDEN);
        assertThat(refused.err()).startsWith("portico: not_owner");

        Run removed = portico("domains", "remove", domain, "--tenant", tenant);
        assertThat(removed.exit()).as(removed.err()).isZero();
        Run gone = portico("domains", "status", domain);
        assertThat(gone.exit()).isEqualTo(CliException.NOT_FOUND);
    }

    @Test
    void reconcileBringsBackWhatRedisLost() throws Exception {
        String tenant = "cli-" + UUID.randomUUID().toString().substring(0, 6);
        String domain = "lost-" + UUID.randomUUID().toString().substring(0, 6) + ".tenant-cli.test";
        assertThat(portico("domains", "add", domain, "--tenant", tenant, "--origin", system.originUrl(), "--wait",
                "--timeout", "PT60S").exit()).isZero();
        String serial = system.store().certificates().find(DomainName.ofTrusted(domain)).orElseThrow().serial();

        // Redis loses the domain (a flush, a failover): the API no longer knows it.
        system.store().domains().remove(DomainName.ofTrusted(domain));
        system.store().certificates().remove(DomainName.ofTrusted(domain));
        assertThat(portico("domains", "status", domain).exit()).isEqualTo(CliException.NOT_FOUND);

        Run reconciled = portico("reconcile");
        assertThat(reconciled.exit()).as(reconciled.err()).isZero();
        assertThat(reconciled.out()).containsPattern("restored [1-9][0-9]* domains \\([1-9][0-9]* with their "
                + "certificate\\)").contains("marked whole");
        assertThat(portico("domains", "status", domain).out()).contains(domain + "  active");
        assertThat(system.store().certificates().find(DomainName.ofTrusted(domain)).orElseThrow().serial())
                .isEqualTo(serial);
        assertThat(portico("--json", "reconcile").out()).contains("\"domainsRestored\" : 0");
    }

    @Test
    void badInputAndAnAbsentApiAreSaidPlainly() throws Exception {
        Run bad = portico("domains", "add", "localhost", "--tenant", "t1", "--origin", "http://127.0.0.1:1");
        assertThat(bad.exit()).isEqualTo(CliException.API_ERROR);
        assertThat(bad.err()).contains("(field: domain)");

        Run usage = portico("domains", "add", "x.example.com");
        assertThat(usage.exit()).isEqualTo(2);

        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        StringWriter err = new StringWriter();
        int exit = Portico.run(new String[] {"--api", "http://127.0.0.1:" + closed, "domains", "status", "a.test"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(CliException.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the Portico API at http://127.0.0.1:" + closed);
    }
}
