package dev.portico.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code portico purge}: drop cached responses of one domain at every edge proxy. */
@Command(name = "purge", description = "Purge a domain's cached responses at every edge proxy, in every region.")
final class PurgeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Portico root;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "The owner of the domain.")
    String tenant;

    @Option(names = "--domain", required = true)
    String domain;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    /** Exactly one of these. */
    static final class What {
        @Option(names = "--all", description = "Everything cached for the domain.")
        boolean all;

        @Option(names = "--url", paramLabel = "PATH", description = "One URL (path and query), e.g. /index.html")
        String url;

        @Option(names = "--prefix", paramLabel = "PATH", description = "Every path under it, e.g. /assets/")
        String prefix;

        @Option(names = "--tag", description = "Every response the origin tagged so (Surrogate-Key or Cache-Tag).")
        String tag;
    }

    @Override
    public Integer call() throws CliException {
        String scope = what.all ? "host" : what.url != null ? "url" : what.prefix != null ? "prefix" : "tag";
        String value = what.all ? "" : what.url != null ? what.url : what.prefix != null ? what.prefix : what.tag;
        ObjectNode body = JSON.createObjectNode().put("tenant", tenant).put("domain", domain).put("scope", scope)
                .put("value", value);
        JsonNode answer = root.client().post("/purge", body).body();
        PrintWriter out = spec.commandLine().getOut();
        if (root.json) {
            out.println(answer.toPrettyString());
        } else {
            String target = what.all ? "everything" : scope + " " + value;
            out.println("purging " + target + " of " + domain + " at every edge proxy (event "
                    + answer.path("id").asText(answer.path("eventId").asText("?")) + "); proxies apply it within "
                    + "seconds of receiving it");
        }
        out.flush();
        return 0;
    }
}
