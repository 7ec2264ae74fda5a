package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.domain.DomainName;
import dev.portico.core.issuance.IssuanceRequest;
import dev.portico.core.issuance.IssuanceRequestCodec;
import dev.portico.core.issuance.QueueException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class SqsIssuanceQueueIT {
    private final SqsClient sqs = EmulatorClients.create().sqs();

    @Test
    void sendsTheRequestAsItsJsonBody() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("issuance-" + UUID.randomUUID())).queueUrl();
        try {
            IssuanceRequest request = IssuanceRequest.first(DomainName.ofTrusted("queued.example.com"),
                    IssuanceRequest.Reason.REGISTERED, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            new SqsIssuanceQueue(sqs, url).enqueue(request, Duration.ZERO);
            List<Message> received = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages();
            assertThat(received).hasSize(1);
            assertThat(IssuanceRequestCodec.decode(received.get(0).body())).isEqualTo(request);
        } finally {
            sqs.deleteQueue(r -> r.queueUrl(url));
        }
    }

    @Test
    void aMissingQueueIsAClearError() {
        SqsIssuanceQueue queue = new SqsIssuanceQueue(sqs,
                EmulatorClients.create().sqs().serviceClientConfiguration().endpointOverride().orElseThrow()
                        + "/000000000000/no-such-queue-" + UUID.randomUUID());
        IssuanceRequest request = IssuanceRequest.first(DomainName.ofTrusted("lost.example.com"),
                IssuanceRequest.Reason.REGISTERED, Instant.now());
        assertThatThrownBy(() -> queue.enqueue(request, Duration.ofMinutes(30)))
                .isInstanceOf(QueueException.class).hasMessageContaining("lost.example.com");
    }
}
