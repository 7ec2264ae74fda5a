package dev.portico.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code portico reconcile}: rebuild Redis from the record archive in S3 now, rather than at the next scheduled run
 * (which does it by itself when Redis lost its data). Safe to run at any time: it only restores what is missing or
 * older than the archive, and changes nothing in a whole store.
 */
@Command(name = "reconcile", description = "Restore domains and certificates Redis lost from the record archive (S3).")
final class ReconcileCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Portico root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws CliException {
        JsonNode answer = root.client().post("/reconcile", JSON.createObjectNode()).body();
        PrintWriter out = spec.commandLine().getOut();
        if (root.json) {
            out.println(answer.toPrettyString());
        } else {
            out.printf("restored %d domains (%d with their certificate), requested %d certificates again, %d were "
                    + "already whole, %d being removed were left out%n", answer.path("domainsRestored").asInt(),
                    answer.path("certificatesRestored").asInt(), answer.path("requeued").asInt(),
                    answer.path("unchanged").asInt(), answer.path("skippedRemoved").asInt());
            if (answer.path("failed").asInt() > 0 || answer.path("unreadable").asInt() > 0) {
                out.printf("%d could not be restored this time and %d archived objects could not be read (see the "
                        + "RenewCertificates logs); run it again%n", answer.path("failed").asInt(),
                        answer.path("unreadable").asInt());
            }
            out.printf("took %.1f s; the store is %s%n", answer.path("tookMillis").asLong() / 1000.0,
                    answer.path("completed").asBoolean() ? "marked whole" : "not marked whole yet");
        }
        out.flush();
        return answer.path("failed").asInt() > 0 ? CliException.API_ERROR : 0;
    }
}
