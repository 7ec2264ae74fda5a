package dev.portico.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Removes the event queues of edge proxies that are gone (a task killed before its shutdown could delete its own
 * queue): a queue whose heartbeat tag ({@link SqsEdgeEventSource#HEARTBEAT_TAG}, renewed every ten minutes by a live
 * proxy) is older than the limit is unsubscribed from the topic and deleted. Runs on a schedule; a run touches only
 * queues with the edge prefix, at most {@code maxPerRun} of them.
 */
public final class EdgeQueueJanitor {
    private static final Logger log = LoggerFactory.getLogger(EdgeQueueJanitor.class);

    /** What a run did. */
    public record Sweep(int examined, List<String> removed, int failed) {
    }

    private final SqsClient sqs;
    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public EdgeQueueJanitor(SqsClient sqs, SnsClient sns, String topicArn, Clock clock) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Sweep sweep(Duration silentFor, int maxPerRun) {
        Instant cutoff = clock.instant().minus(silentFor);
        List<String> queues = sqs.listQueuesPaginator(r -> r.queueNamePrefix(SqsEdgeEventSource.QUEUE_PREFIX))
                .queueUrls().stream().limit(maxPerRun).toList();
        List<String> removed = new ArrayList<>();
        int failed = 0;
        for (String queueUrl : queues) {
            try {
                if (isSilentSince(queueUrl, cutoff)) {
                    remove(queueUrl);
                    removed.add(queueUrl);
                }
            } catch (QueueDoesNotExistException gone) {
                // Its proxy deleted it meanwhile.
            } catch (SdkException e) {
                failed++;
                log.warn("could not examine or remove {}: {}; the next run tries again", queueUrl, e.getMessage());
            }
        }
        log.info("edge queue clean-up: {} examined, {} removed, {} failed", queues.size(), removed.size(), failed);
        return new Sweep(queues.size(), List.copyOf(removed), failed);
    }

    private boolean isSilentSince(String queueUrl, Instant cutoff) {
        Map<String, String> tags = sqs.listQueueTags(r -> r.queueUrl(queueUrl)).tags();
        String heartbeat = tags.get(SqsEdgeEventSource.HEARTBEAT_TAG);
        if (heartbeat == null) {
            // Not one of ours after all (same prefix, no tag): leave it.
            return false;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(heartbeat)).isBefore(cutoff);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void remove(String queueUrl) {
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        for (Subscription subscription : sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn))
                .subscriptions()) {
            if (queueArn.equals(subscription.endpoint())) {
                sns.unsubscribe(r -> r.subscriptionArn(subscription.subscriptionArn()));
            }
        }
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        log.info("removed {}: its proxy has been silent since before the limit", queueUrl);
    }
}
