package dev.portico.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A tenant's site: static files in a bucket of the emulator's S3, served over HTTP on loopback the way a SaaS would
 * serve a tenant's site from S3. {@code /} is {@code index.html}. The bucket is this run's and deleted with it.
 */
final class SampleOrigin implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final HttpServer server;

    private SampleOrigin(S3Client s3, String bucket, HttpServer server) {
        this.s3 = s3;
        this.bucket = bucket;
        this.server = server;
    }

    /** @param port 0 for any free one */
    static SampleOrigin start(S3Client s3, String runId, int port) throws IOException {
        String bucket = "portico-site-" + runId;
        s3.createBucket(r -> r.bucket(bucket));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        SampleOrigin origin = new SampleOrigin(s3, bucket, server);
        server.createContext("/", origin::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return origin;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes (or replaces) a file of the site. */
    void put(String path, String html) {
        s3.putObject(r -> r.bucket(bucket).key(key(path)).contentType("text/html; charset=utf-8"),
                RequestBody.fromString(html, StandardCharsets.UTF_8));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status;
        byte[] body;
        String type = "text/plain; charset=utf-8";
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(path)));
            status = 200;
            body = object.asByteArray();
            type = object.response().contentType();
            exchange.getResponseHeaders().set("ETag", object.response().eTag());
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=60");
        } catch (NoSuchKeyException e) {
            status = 404;
            body = ("no such page: " + path + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            status = 502;
            body = ("the site's storage failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String key(String path) {
        String key = path.startsWith("/") ? path.substring(1) : path;
        return key.isEmpty() || key.endsWith("/") ? key + "index.html" : key;
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
                    .forEach(o -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
            s3.deleteBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            System.err.println("could not delete bucket " + bucket + ": " + e.getMessage());
        }
    }
}
