package dev.portico.aws.testing;

import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Buckets of one test's own on the emulator: created with a unique name, emptied and deleted after. */
public final class EmulatorBuckets {
    private EmulatorBuckets() {
    }

    public static String create(S3Client s3, String purpose) {
        String name = "portico-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(r -> r.bucket(name));
        return name;
    }

    /** Deletes every object (every page of them), then the bucket. */
    public static void delete(S3Client s3, String bucket) {
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(bucket))) {
            for (S3Object object : page.contents()) {
                s3.deleteObject(r -> r.bucket(bucket).key(object.key()));
            }
        }
        s3.deleteBucket(r -> r.bucket(bucket));
    }
}
