package dev.portico.functions.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.control.issuance.Outcome;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.issuance.IssuanceRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler fed the sample events in events/issue-certificate, over a stub service and an in-memory queue. */
class IssueCertificateHandlerTest {
    private static final String EVENTS = "events/issue-certificate/";
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");

    private final List<IssuanceRequest> handled = new CopyOnWriteArrayList<>();
    private final RecordingQueue queue = new RecordingQueue();

    private IssueCertificateHandler handler(Function<IssuanceRequest, Outcome> outcome) {
        return new IssueCertificateHandler(request -> {
            handled.add(request);
            return outcome.apply(request);
        }, queue);
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @ParameterizedTest
    @Event(value = EVENTS + "malformed-body.json", type = SQSEvent.class)
    void aMalformedBodyIsABatchItemFailureAndNeverReachesTheService(SQSEvent event) {
        SQSBatchResponse response = handler(r -> new Outcome.Skipped("unused")).handleRequest(event, null);

        assertThat(failed(response)).containsExactly(event.getRecords().get(0).getMessageId());
        assertThat(handled).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = EVENTS + "mixed-batch.json", type = SQSEvent.class)
    void onlyTheUndecodableMessageOfABatchIsReported(SQSEvent event) {
        SQSBatchResponse response = handler(r -> new Outcome.Skipped("nothing to do")).handleRequest(event, null);

        assertThat(failed(response)).containsExactly("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d06");
        assertThat(handled).extracting(r -> r.domain().ascii()).containsExactly("shop.example.org",
                "blog.example.net");
    }

    @Test
    void settledOutcomesConsumeTheMessage() {
        SQSEvent event = EventLoader.loadSQSEvent(EVENTS + "registered.json");
        DomainRecord active = DomainRecord.register(DomainName.ofTrusted("shop.example.org"), new TenantId("t1"),
                OriginUrl.ofTrusted("https://origin.example.net"), NOW)
                .withCertificate(new CertificateSummary("0a1b", NOW, NOW.plus(Duration.ofDays(90))),
                        NOW.plus(Duration.ofDays(60)), NOW);
        for (Outcome outcome : List.of(new Outcome.Issued(active), new Outcome.Skipped("not due"),
                new Outcome.Failed("the CA said no"))) {
            assertThat(failed(handler(r -> outcome).handleRequest(event, null))).as("%s", outcome).isEmpty();
        }
        assertThat(handled).hasSize(3).allSatisfy(r -> assertThat(r.reason())
                .isEqualTo(IssuanceRequest.Reason.REGISTERED));
        assertThat(queue.sent()).isEmpty();
    }

    @ParameterizedTest
    @Event(value = EVENTS + "retry-attempt-3.json", type = SQSEvent.class)
    void aRetryGoesBackOnTheQueueWithItsDelayAndTheMessageIsConsumed(SQSEvent event) throws Exception {
        String out = capturingStdout(() -> {
            SQSBatchResponse response = handler(r -> new Outcome.RetryLater(Duration.ofSeconds(240), "CA down",
                    r.next())).handleRequest(event, null);
            assertThat(failed(response)).isEmpty();
        });

        assertThat(queue.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.delay()).isEqualTo(Duration.ofSeconds(240));
            assertThat(sent.request().attempt()).isEqualTo(4);
            assertThat(sent.request().domain().ascii()).isEqualTo("shop.example.org");
            assertThat(sent.request().firstAsked()).isEqualTo(Instant.parse("2026-11-23T18:00:00Z"));
        });
        JsonNode line = logLine(out, "retry_later");
        assertThat(line.path("domain").asText()).isEqualTo("shop.example.org");
        assertThat(line.path("attempt").asText()).isEqualTo("3");
        assertThat(line.path("delay_s").asText()).isEqualTo("240");
        assertThat(line.path("why").asText()).isEqualTo("CA down");
        assertThat(line.has("duration_ms")).isTrue();
        assertThat(line.path("level").asText()).isEqualTo("INFO");
    }

    @ParameterizedTest
    @Event(value = EVENTS + "renewal.json", type = SQSEvent.class)
    void aWaitLongerThanTheQueueAllowsBecomesSeveralHops(SQSEvent event) {
        handler(r -> new Outcome.RetryLater(Duration.ofHours(3), "order budget spent", r)).handleRequest(event, null);

        assertThat(queue.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.delay()).isEqualTo(queue.maxDelay());
            assertThat(sent.request()).isEqualTo(handled.get(0));
        });
    }

    @ParameterizedTest
    @Event(value = EVENTS + "retry-attempt-3.json", type = SQSEvent.class)
    void aRetryThatCannotBeQueuedIsLeftForSqsToDeliverAgain(SQSEvent event) {
        queue.refuse();
        SQSBatchResponse response = handler(r -> new Outcome.RetryLater(Duration.ofSeconds(30), "busy", r))
                .handleRequest(event, null);

        assertThat(failed(response)).containsExactly(event.getRecords().get(0).getMessageId());
    }

    @ParameterizedTest
    @Event(value = EVENTS + "mixed-batch.json", type = SQSEvent.class)
    void aBugInOneMessageDoesNotLoseTheOthers(SQSEvent event) throws Exception {
        List<String> seen = new ArrayList<>();
        String out = capturingStdout(() -> {
            SQSBatchResponse response = handler(r -> {
                seen.add(r.domain().ascii());
                if (r.domain().ascii().startsWith("shop")) {
                    throw new IllegalStateException("boom");
                }
                return new Outcome.Skipped("fine");
            }).handleRequest(event, null);
            assertThat(failed(response)).containsExactly("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c05",
                    "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d06");
        });
        assertThat(seen).containsExactly("shop.example.org", "blog.example.net");
        assertThat(logLine(out, "error").path("stack_trace").asText()).contains("boom");
        assertThat(logLine(out, "malformed").path("action").asText()).contains("DLQ");
    }

    private static String capturingStdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private static JsonNode logLine(String out, String outcome) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode node = json.readTree(line);
                if (outcome.equals(node.path("outcome").asText())) {
                    return node;
                }
            }
        }
        throw new AssertionError("no log line with outcome " + outcome + " in:\n" + out);
    }
}
