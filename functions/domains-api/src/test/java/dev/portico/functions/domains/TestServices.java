package dev.portico.functions.domains;

import dev.portico.aws.AwsClients;
import dev.portico.aws.SnsEdgeEventPublisher;
import dev.portico.aws.SqsIssuanceQueue;
import dev.portico.control.DomainService;
import dev.portico.control.RegistrationPolicy;
import dev.portico.core.store.StoreException;
import dev.portico.store.redis.RedisSettings;
import dev.portico.store.redis.RedisStore;
import dev.portico.testkit.LocalServices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The real Redis and emulator a handler test runs against; each test owns its key prefix, queue and topic. */
final class TestServices {
    private TestServices() {
    }

    static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The shared Redis behind a key prefix of one test's own; closing deletes every key under it. */
    static final class Redis implements AutoCloseable {
        final RedisStore store;
        final RedisClient raw;

        Redis() throws StoreException {
            store = RedisStore.open(RedisSettings.of(LocalServices.redisUri()).withKeyPrefix("it-" + random8() + ":"));
            raw = RedisClient.create(LocalServices.redisUri());
        }

        List<String> keys() {
            ScanParams match = new ScanParams().match(store.keys().prefix() + "*").count(1000);
            List<String> found = new ArrayList<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = raw.scan(cursor, match);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return found;
        }

        @Override
        public void close() {
            try {
                List<String> mine = keys();
                if (!mine.isEmpty()) {
                    raw.del(mine.toArray(String[]::new));
                }
            } finally {
                store.close();
                raw.close();
            }
        }
    }

    /** An issuance queue and an edge-events topic, with a subscribed queue that plays an edge proxy. */
    static final class Aws implements AutoCloseable {
        final SqsClient sqs;
        final SnsClient sns;
        private final String suffix = random8();
        private int queues;
        String issuanceQueueUrl;
        final String topicArn;
        final String proxyQueueUrl;

        Aws() {
            AwsClients clients = AwsClients.withEndpoint(LocalServices.awsEndpoint(),
                    Region.of(LocalServices.awsRegion()), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            LocalServices.get("AWS_ACCESS_KEY_ID"), LocalServices.get("AWS_SECRET_ACCESS_KEY"))));
            sqs = clients.sqs();
            sns = clients.sns();
            freshIssuanceQueue();
            topicArn = sns.createTopic(r -> r.name("api-edge-events-" + suffix)).topicArn();
            proxyQueueUrl = sqs.createQueue(r -> r.queueName("api-proxy-" + suffix)).queueUrl();
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(proxyQueueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String policy = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},
                    "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                    .formatted(arn, topicArn);
            sqs.setQueueAttributes(r -> r.queueUrl(proxyQueueUrl)
                    .attributes(Map.of(QueueAttributeName.POLICY, policy)));
            sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(arn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
        }

        DomainService service(Redis redis, RegistrationPolicy policy, Clock clock) {
            return service(redis, policy, clock, issuanceQueueUrl);
        }

        DomainService service(Redis redis, RegistrationPolicy policy, Clock clock, String queueUrl) {
            return new DomainService(redis.store.domains(), redis.store.certificates(), redis.store.renewals(),
                    redis.store.rateLimiter(), new SqsIssuanceQueue(sqs, queueUrl),
                    new SnsEdgeEventPublisher(sns, topicArn), clock, policy);
        }

        /**
         * Replaces the issuance queue with a new, empty one. Tests call it before each test, so that what a test
         * finds on the queue is what it caused, whatever ran before it.
         */
        void freshIssuanceQueue() {
            if (issuanceQueueUrl != null) {
                String old = issuanceQueueUrl;
                sqs.deleteQueue(r -> r.queueUrl(old));
            }
            String name = "api-issuance-" + suffix + "-" + (++queues);
            issuanceQueueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        }

        String missingQueueUrl() {
            return issuanceQueueUrl.substring(0, issuanceQueueUrl.lastIndexOf('/') + 1) + "no-such-queue-" + random8();
        }

        /** Messages on the issuance queue, visible, in flight or delayed: sends are synchronous on the emulator. */
        long issuanceMessages() {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(issuanceQueueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return a.values().stream().mapToLong(Long::parseLong).sum();
        }

        /** Everything waiting on a queue now, deleted as it is read. */
        List<Message> drain(String queueUrl, int waitSeconds) {
            List<Message> all = new ArrayList<>();
            while (true) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(waitSeconds)).messages();
                if (batch.isEmpty()) {
                    return all;
                }
                for (Message m : batch) {
                    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
                all.addAll(batch);
            }
        }

        @Override
        public void close() {
            sqs.deleteQueue(r -> r.queueUrl(issuanceQueueUrl));
            sqs.deleteQueue(r -> r.queueUrl(proxyQueueUrl));
            sns.deleteTopic(r -> r.topicArn(topicArn));
            sqs.close();
            sns.close();
        }
    }
}
