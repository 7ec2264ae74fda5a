package dev.portico.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, with a few concurrent pollers (Lambda starts with five concurrent
 * batches and scales from there): long-poll the queue, hand the batch to the handler as
 * an {@link SQSEvent} shaped like AWS's, delete what succeeded, and leave reported failures to reappear after the
 * visibility timeout (and reach the DLQ after the redrive count). Partial batch responses are honoured.
 */
final class SqsEventSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    /** As the template's event source mapping: issuance is slow per message, so small batches spread better. */
    static final int BATCH_SIZE = LocalWiring.QUEUE_SOURCES.get(LocalWiring.ISSUE_CERTIFICATE).batchSize();
    static final int CONCURRENCY = 5;
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    private final List<Thread> pollers;
    private volatile boolean running = true;

    SqsEventSource(SqsClient sqs, String queueUrl, String queueArn, Function<SQSEvent, SQSBatchResponse> handler) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.handler = handler;
        this.pollers = java.util.stream.IntStream.range(0, CONCURRENCY)
                .mapToObj(i -> Thread.ofPlatform().name("sqs-event-source-" + i).daemon().unstarted(this::run))
                .toList();
    }

    void start() {
        pollers.forEach(Thread::start);
    }

    private void run() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE)
                        .waitTimeSeconds(WAIT_SECONDS).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                        .messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("polling {} failed: {}; retrying in 1 s", queueUrl, e.toString());
                    sleepQuietly(1000);
                }
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::toRecord).toList());
        SQSBatchResponse response = handler.apply(event);
        Set<String> failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .collect(Collectors.toSet());
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private SQSEvent.SQSMessage toRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        record.setMessageAttributes(Map.of());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(queueArn.split(":")[3]);
        return record;
    }

    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            try {
                poller.join((WAIT_SECONDS + 5) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
