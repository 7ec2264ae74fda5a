package dev.portico.aws;

import dev.portico.core.archive.ArchiveCodec;
import dev.portico.core.archive.ArchiveException;
import dev.portico.core.archive.RecordArchive;
import dev.portico.core.domain.DomainName;
import dev.portico.core.domain.DomainRecord;
import dev.portico.core.store.Page;
import dev.portico.core.store.StoredCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The record archive in one S3 bucket: {@code domains/<ascii fqdn>.json} and {@code certificates/<ascii fqdn>.json},
 * in {@link ArchiveCodec}'s form. Objects are written with SSE-KMS under the given key (the template's bucket also
 * defaults to it, so this only makes the intent explicit and works on buckets without that default). Every call is
 * bounded by {@code callTimeout} on top of the client's own attempt timeouts and retries ({@link AwsClients}).
 * S3's listing is in key order, so domains come back in name order, and its continuation token is the cursor.
 */
public final class S3RecordArchive implements RecordArchive {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(S3RecordArchive.class);
    private static final String DOMAINS = "domains/";
    private static final String CERTIFICATES = "certificates/";
    private static final String SUFFIX = ".json";

    private final S3Client s3;
    private final String bucket;
    private final Optional<String> kmsKeyId;
    private final AwsRequestOverrideConfiguration bounded;

    public S3RecordArchive(S3Client s3, String bucket, Optional<String> kmsKeyId, Duration callTimeout) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.kmsKeyId = Objects.requireNonNull(kmsKeyId, "kmsKeyId");
        this.bounded = AwsRequestOverrideConfiguration.builder().apiCallTimeout(callTimeout).build();
    }

    /**
     * From the environment the template gives the functions: {@code PORTICO_RECORD_BUCKET} (required, the
     * RecordBucket) and {@code PORTICO_RECORD_KMS_KEY_ID} (optional; the key objects are encrypted under, otherwise
     * the bucket's default encryption applies).
     *
     * @throws IllegalStateException when the bucket is not set, so a function fails at start-up, not on a request
     */
    public static S3RecordArchive fromEnvironment(Function<String, String> env, AwsClients aws) {
        String bucket = Optional.ofNullable(env.apply("PORTICO_RECORD_BUCKET")).map(String::strip)
                .filter(v -> !v.isEmpty()).orElseThrow(() -> new IllegalStateException("PORTICO_RECORD_BUCKET is not"
                        + " set: set it to the S3 bucket that keeps domain records and certificates (template.yaml"
                        + " wires RecordBucket)"));
        Optional<String> key = Optional.ofNullable(env.apply("PORTICO_RECORD_KMS_KEY_ID")).map(String::strip)
                .filter(v -> !v.isEmpty());
        return new S3RecordArchive(aws.s3(), bucket, key, DEFAULT_CALL_TIMEOUT);
    }

    @Override
    public void put(DomainRecord record) throws ArchiveException {
        write(key(DOMAINS, record.domain()), ArchiveCodec.encode(record));
    }

    @Override
    public Optional<DomainRecord> find(DomainName domain) throws ArchiveException {
        String key = key(DOMAINS, domain);
        Optional<String> json = read(key);
        return json.isEmpty() ? Optional.empty() : Optional.of(ArchiveCodec.decodeRecord(json.get(), domain, where(key)));
    }

    @Override
    public void putCertificate(StoredCertificate certificate) throws ArchiveException {
        write(key(CERTIFICATES, certificate.domain()), ArchiveCodec.encode(certificate));
    }

    @Override
    public Optional<StoredCertificate> findCertificate(DomainName domain) throws ArchiveException {
        String key = key(CERTIFICATES, domain);
        Optional<String> json = read(key);
        return json.isEmpty() ? Optional.empty()
                : Optional.of(ArchiveCodec.decodeCertificate(json.get(), domain, where(key)));
    }

    /** The certificate first: a removal that fails half way leaves a record (or tombstone), never a lone key. */
    @Override
    public void remove(DomainName domain) throws ArchiveException {
        for (String key : List.of(key(CERTIFICATES, domain), key(DOMAINS, domain))) {
            call("delete", key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key).overrideConfiguration(bounded)));
        }
    }

    @Override
    public Page<DomainName> list(Optional<String> cursor, int limit) throws ArchiveException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
        ListObjectsV2Response page = call("list", DOMAINS, () -> s3.listObjectsV2(r -> r.bucket(bucket)
                .prefix(DOMAINS).maxKeys(limit).continuationToken(cursor.orElse(null)).overrideConfiguration(bounded)));
        List<DomainName> names = new ArrayList<>(page.contents().size());
        for (S3Object object : page.contents()) {
            String key = object.key();
            String name = key.endsWith(SUFFIX) ? key.substring(DOMAINS.length(), key.length() - SUFFIX.length()) : "";
            try {
                names.add(DomainName.ofTrusted(name));
            } catch (IllegalArgumentException e) {
                // Not written by Portico (someone put a file in the bucket): say so once per listing, keep going.
                LOG.atWarn().addKeyValue("event", "archive_foreign_object").addKeyValue("key", where(key))
                        .log("ignoring {}: not a domain record key; move it out of {}", where(key), DOMAINS);
            }
        }
        Optional<String> next = Boolean.TRUE.equals(page.isTruncated())
                ? Optional.ofNullable(page.nextContinuationToken()) : Optional.empty();
        return new Page<>(names, next);
    }

    private void write(String key, String json) throws ArchiveException {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
                .contentType("application/json").overrideConfiguration(bounded);
        kmsKeyId.ifPresent(id -> request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(id));
        call("put", key, () -> s3.putObject(request.build(), RequestBody.fromString(json, StandardCharsets.UTF_8)));
    }

    private Optional<String> read(String key) throws ArchiveException {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).overrideConfiguration(bounded))
                    .asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    private <T> T call(String action, String key, java.util.function.Supplier<T> s3Call) throws ArchiveException {
        try {
            return s3Call.get();
        } catch (SdkException e) {
            throw failure(action, key, e);
        }
    }

    private ArchiveException failure(String action, String key, SdkException e) {
        return new ArchiveException("archive " + action + " of " + where(key) + " failed: " + e.getMessage()
                + "; check that the bucket exists and the role may use it (s3:GetObject/PutObject/DeleteObject/"
                + "ListBucket, kms:GenerateDataKey/Decrypt on its key), then retry", e);
    }

    private String where(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private static String key(String folder, DomainName domain) {
        return folder + domain.ascii() + SUFFIX;
    }

    @Override
    public String toString() {
        return "S3RecordArchive[s3://" + bucket + ", kms=" + kmsKeyId.isPresent() + "]";
    }
}
