package dev.portico.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code portico domains add|list|status|remove}. */
@Command(name = "domains", description = "Register, list, watch and remove custom domains.",
        subcommands = {DomainsCommand.Add.class, DomainsCommand.ListCommand.class, DomainsCommand.Status.class,
            DomainsCommand.Remove.class})
final class DomainsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pages followed at most by {@code list}: 100 pages of 100. */
    private static final int MAX_PAGES = 100;

    @ParentCommand
    Portico root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "add", description = "Register a tenant's domain; its certificate follows once it points at the edge.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        DomainsCommand domains;

        @Parameters(paramLabel = "DOMAIN", description = "e.g. shop.example.com")
        String domain;

        @Option(names = "--tenant", required = true, description = "The SaaS's id of the tenant.")
        String tenant;

        @Option(names = "--origin", required = true, description = "Where its requests go, e.g. https://app.example.net")
        String origin;

        @Option(names = "--wait", description = "Wait until active or failed, showing each status.")
        boolean wait;

        @Option(names = "--timeout", defaultValue = "PT10M", description = "How long --wait waits (ISO-8601, default PT10M).")
        Duration timeout;

        @Override
        public Integer call() throws CliException {
            ObjectNode body = JSON.createObjectNode().put("domain", domain).put("tenant", tenant).put("origin", origin);
            ApiClient api = domains.root.client();
            ApiClient.Answer answer = api.post("/domains", body);
            PrintWriter out = domains.spec.commandLine().getOut();
            if (domains.root.json) {
                out.println(answer.body().toPrettyString());
            } else {
                out.println((answer.status() == 201 || answer.status() == 202 ? "registered " : "already registered ")
                        + answer.body().path("domain").asText() + " for " + tenant + ": "
                        + answer.body().path("status").asText());
            }
            out.flush();
            return wait ? Watch.until(api, answer.body().path("domain").asText(), timeout, out, domains.root.json) : 0;
        }
    }

    @Command(name = "list", description = "A tenant's domains.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        DomainsCommand domains;

        @Option(names = "--tenant", required = true)
        String tenant;

        @Override
        public Integer call() throws CliException {
            ApiClient api = domains.root.client();
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < MAX_PAGES; page++) {
                String query = "/domains?tenant=" + encode(tenant) + "&limit=100"
                        + (cursor == null ? "" : "&cursor=" + encode(cursor));
                JsonNode body = api.get(query).body();
                body.path("domains").forEach(all::add);
                cursor = body.path("next").isTextual() ? body.path("next").asText() : null;
                if (cursor == null) {
                    break;
                }
            }
            PrintWriter out = domains.spec.commandLine().getOut();
            if (domains.root.json) {
                out.println(JSON.createObjectNode().set("domains", JSON.valueToTree(all)).toPrettyString());
                out.flush();
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("DOMAIN", "STATUS", "CERTIFICATE UNTIL", "ORIGIN"));
            for (JsonNode d : all) {
                rows.add(List.of(d.path("domain").asText(), d.path("status").asText(),
                        d.path("certificate").path("notAfter").asText("-"), d.path("origin").asText()));
            }
            Tables.print(out, rows);
            out.println(all.size() + (all.size() == 1 ? " domain" : " domains"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", description = "A domain's status, certificate and what to do if it is stuck.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DomainsCommand domains;

        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--wait", description = "Wait until active or failed, showing each status.")
        boolean wait;

        @Option(names = "--timeout", defaultValue = "PT10M", description = "How long --wait waits (default PT10M).")
        Duration timeout;

        @Override
        public Integer call() throws CliException {
            ApiClient api = domains.root.client();
            PrintWriter out = domains.spec.commandLine().getOut();
            if (wait) {
                return Watch.until(api, domain, timeout, out, domains.root.json);
            }
            JsonNode record = api.get("/domains/" + encode(domain)).body();
            if (domains.root.json) {
                out.println(record.toPrettyString());
            } else {
                Watch.describe(out, record);
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "remove", description = "Stop serving a domain and delete its certificate and key.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        DomainsCommand domains;

        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--tenant", required = true, description = "The owner: another tenant's domain is refused.")
        String tenant;

        @Override
        public Integer call() throws CliException {
            JsonNode record = domains.root.client().delete("/domains/" + encode(domain) + "?tenant=" + encode(tenant))
                    .body();
            PrintWriter out = domains.spec.commandLine().getOut();
            out.println(domains.root.json ? record.toPrettyString()
                    : "removed " + domain + ": no longer served; its certificate and key are deleted");
            out.flush();
            return 0;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
