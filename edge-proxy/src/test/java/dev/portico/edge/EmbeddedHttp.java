package dev.portico.edge;

import dev.portico.edge.acme.ChallengeLookup;
import dev.portico.edge.http.InFlightRequests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The port-80 pipeline exactly as {@link HttpServerInitializer} builds it, on an {@link EmbeddedChannel} fed raw
 * bytes, so tests see what the codec really makes of a request line. An {@link EmbeddedChannel}'s event loop is
 * single-threaded by contract: look-ups in these tests run on the test thread or are parked and run by the test.
 */
public final class EmbeddedHttp implements AutoCloseable {
    private final EmbeddedChannel channel;

    public EmbeddedHttp(ChallengeLookup lookup) {
        this.channel = new EmbeddedChannel(new HttpServerInitializer(Duration.ofSeconds(30), new InFlightRequests(),
                lookup, Optional.empty()));
    }

    public static String get(String target, String host) {
        return request("GET", target, host);
    }

    public static String request(String method, String target, String host) {
        return method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    /** Sends one request and reads its answer; HEAD answers are read without a body. */
    public HttpResponseText exchange(String request) throws IOException {
        send(request);
        return HttpResponseText.read(new ByteArrayInputStream(drain().getBytes(StandardCharsets.ISO_8859_1)),
                request.startsWith("HEAD "));
    }

    public void send(String bytes) {
        ByteBuf buf = Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1);
        channel.writeInbound(buf);
    }

    /** Runs what the event loop has queued (answers arriving from look-ups) and returns what was written since. */
    public String drain() {
        channel.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] chunk = new byte[buf.readableBytes()];
            buf.readBytes(chunk);
            out.writeBytes(chunk);
            buf.release();
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Lets the channel's clock run on, as if the client sent nothing for that long. */
    public void idleFor(Duration duration) {
        channel.advanceTimeBy(duration.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
