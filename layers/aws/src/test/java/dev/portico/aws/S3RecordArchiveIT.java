package dev.portico.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.aws.testing.EmulatorBuckets;
import dev.portico.aws.testing.EmulatorClients;
import dev.portico.core.archive.ArchiveException;
import dev.portico.core.archive.UnreadableArchiveEntryException;
import dev.portico.core.crypto.SealedKey;
import dev.portico.core.domain.CertificateSummary;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.domain.OriginUrl;
import dev.portico.core.domain.TenantId;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoredCertificate;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The archive against the emulator's S3, with SSE-KMS under a key of the emulator's KMS. */
class S3RecordArchiveIT {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00.123Z");
    private static S3Client s3;
    private static String bucket;
    private static String kmsKey;

    @BeforeAll
    static void bucketAndKey() {
        AwsClients aws = EmulatorClients.create();
        s3 = aws.s3();
        bucket = EmulatorBuckets.create(s3, "archive-it");
        kmsKey = aws.kms().createKey(r -> r.description("portico archive test")).keyMetadata().keyId();
    }

    @AfterAll
    static void deleteBucket() {
        EmulatorBuckets.delete(s3, bucket);
    }

    private static S3RecordArchive archive() {
        return new S3RecordArchive(s3, bucket, Optional.of(kmsKey), Duration.ofSeconds(10));
    }

    static DomainRecord active(String name) {
        CertificateSummary cert = new CertificateSummary("0a1b", NOW, NOW.plus(Duration.ofDays(90)));
        return DomainRecord.register(DomainName.ofTrusted(name), new TenantId("acme"),
                OriginUrl.ofTrusted("https://origin.example.com:8443/app"), NOW)
                .withCertificate(cert, NOW.plus(Duration.ofDays(60)), NOW.plusSeconds(5));
    }

    static StoredCertificate certificate(String name) {
        byte[] sealed = new byte[64];
        new SecureRandom().nextBytes(sealed);
        return new StoredCertificate(DomainName.ofTrusted(name), "-----BEGIN CERTIFICATE-----\nMIIB\n"
                + "-----END CERTIFICATE-----\n", SealedKey.fromBytes(sealed), "0a1b", NOW, NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void recordsAndCertificatesReadBackEqualAndEncryptedUnderTheKey() throws Exception {
        DomainRecord record = active("rt.archive.example.com");
        StoredCertificate cert = certificate("rt.archive.example.com");
        archive().put(record);
        archive().putCertificate(cert);

        assertThat(archive().find(record.domain())).contains(record);
        assertThat(archive().findCertificate(record.domain())).contains(cert);
        var head = s3.headObject(r -> r.bucket(bucket).key("certificates/rt.archive.example.com.json"));
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).contains(kmsKey);
    }

    @Test
    void absentIsEmptyAndRemovingTwiceIsHarmless() throws Exception {
        DomainName gone = DomainName.ofTrusted("gone.archive.example.com");
        assertThat(archive().find(gone)).isEmpty();
        assertThat(archive().findCertificate(gone)).isEmpty();
        archive().put(active(gone.ascii()));
        archive().putCertificate(certificate(gone.ascii()));
        archive().remove(gone);
        archive().remove(gone);
        assertThat(archive().find(gone)).isEmpty();
        assertThat(archive().findCertificate(gone)).isEmpty();
    }

    @Test
    void listsEveryDomainInNameOrderPageByPage() throws Exception {
        String other = EmulatorBuckets.create(s3, "archive-list");
        try {
            S3RecordArchive listed = new S3RecordArchive(s3, other, Optional.empty(), Duration.ofSeconds(10));
            List<String> names = List.of("e.list.example.com", "a.list.example.com", "c.list.example.com",
                    "b.list.example.com", "d.list.example.com");
            for (String name : names) {
                listed.put(active(name));
                listed.putCertificate(certificate(name));
            }
            List<String> seen = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                Page<DomainName> page = listed.list(cursor, 2);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(n -> seen.add(n.ascii()));
                cursor = page.next();
                pages++;
            } while (cursor.isPresent());
            assertThat(seen).containsExactly("a.list.example.com", "b.list.example.com", "c.list.example.com",
                    "d.list.example.com", "e.list.example.com");
            assertThat(pages).isEqualTo(3);
        } finally {
            EmulatorBuckets.delete(s3, other);
        }
    }

    @Test
    void anObjectOfAnotherFormatIsUnreadableNotMisread() {
        s3.putObject(r -> r.bucket(bucket).key("domains/future.archive.example.com.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("{\"version\":2,\"kind\":\"domain\"}"));
        assertThatThrownBy(() -> archive().find(DomainName.ofTrusted("future.archive.example.com")))
                .isInstanceOf(UnreadableArchiveEntryException.class).hasMessageContaining("version")
                .hasMessageContaining("future.archive.example.com");
    }

    @Test
    void aMissingBucketIsAClearError() {
        S3RecordArchive missing = new S3RecordArchive(s3, "portico-no-such-bucket-" + System.nanoTime(),
                Optional.empty(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> missing.put(active("nobucket.archive.example.com")))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("check that the bucket exists");
    }
}
