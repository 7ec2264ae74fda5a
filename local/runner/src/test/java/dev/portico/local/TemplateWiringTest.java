package dev.portico.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.portico.testkit.LocalServices;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local runner wires the functions as template.yaml does: same handlers, routes, SQS source and batch size,
 * schedules. Read from the template itself (CloudFormation's short tags such as {@code !GetAtt X.Arn} arrive as their
 * text), so a change on one side without the other fails here.
 */
class TemplateWiringTest {
    private static final Map<String, JsonNode> FUNCTIONS = new HashMap<>();

    @BeforeAll
    static void readTemplate() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory())
                .readTree(LocalServices.repoRoot().resolve("template.yaml").toFile());
        Iterator<Map.Entry<String, JsonNode>> resources = template.path("Resources").fields();
        while (resources.hasNext()) {
            Map.Entry<String, JsonNode> resource = resources.next();
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                FUNCTIONS.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        }
    }

    @Test
    void theSameFunctionsWithTheSameHandlers() throws Exception {
        Map<String, String> handlers = new HashMap<>();
        FUNCTIONS.forEach((id, properties) -> handlers.put(id, properties.path("Handler").asText()));
        assertThat(handlers).isEqualTo(LocalWiring.HANDLERS);
        for (String handler : handlers.values()) {
            assertThat(Class.forName(handler.split("::")[0]).getMethods())
                    .as(handler).anyMatch(m -> m.getName().equals(handler.split("::")[1]));
        }
    }

    @Test
    void theSameRoutesQueuesAndSchedules() {
        Map<String, String> routes = new HashMap<>();
        Map<String, LocalWiring.QueueSource> queues = new HashMap<>();
        Map<String, String> schedules = new HashMap<>();
        FUNCTIONS.forEach((id, properties) -> properties.path("Events").forEach(event -> {
            JsonNode p = event.path("Properties");
            switch (event.path("Type").asText()) {
                case "HttpApi" -> routes.put(p.path("Method").asText().toUpperCase() + " " + p.path("Path").asText(),
                        id);
                case "SQS" -> queues.put(id, new LocalWiring.QueueSource(
                        p.path("Queue").asText().replace(".Arn", ""), p.path("BatchSize").asInt()));
                case "Schedule" -> schedules.put(id, p.path("Schedule").asText());
                default -> throw new AssertionError("an event type the local runner does not run: " + event);
            }
        }));
        assertThat(routes).isEqualTo(LocalWiring.ROUTES);
        assertThat(queues).isEqualTo(LocalWiring.QUEUE_SOURCES);
        assertThat(schedules).isEqualTo(LocalWiring.SCHEDULES);
        schedules.values().forEach(rate -> assertThat(LocalWiring.period(rate)).isPositive());
    }

    @Test
    void theArchiveWritersAreGivenTheRecordBucketAndMayWriteIt() {
        Map<String, String> buckets = new HashMap<>();
        FUNCTIONS.forEach((id, properties) -> {
            JsonNode bucket = properties.path("Environment").path("Variables").path("PORTICO_RECORD_BUCKET");
            if (!bucket.isMissingNode()) {
                buckets.put(id, bucket.asText());
            }
        });
        java.util.Set<String> users = new java.util.HashSet<>(LocalWiring.ARCHIVE_WRITERS);
        users.addAll(LocalWiring.ARCHIVE_READERS);
        assertThat(buckets.keySet()).isEqualTo(users);
        assertThat(buckets.values()).containsOnly("RecordBucket");
        for (String id : LocalWiring.ARCHIVE_WRITERS) {
            assertThat(FUNCTIONS.get(id).path("Policies").toString()).as(id).contains("s3:PutObject")
                    .contains("RecordBucket.Arn").doesNotContain("s3:*");
        }
        for (String id : LocalWiring.ARCHIVE_READERS) {
            assertThat(FUNCTIONS.get(id).path("Policies").toString()).as(id).contains("s3:GetObject")
                    .contains("s3:ListBucket").doesNotContain("s3:PutObject").doesNotContain("s3:*");
        }
    }
}
