package dev.portico.edge.cache;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * A copy of a response body taken as it streams past to the visitor, for storing once whole; it gives up, and frees
 * what it holds, as soon as the body outgrows the cache's object limit.
 */
public final class BodyCopy {
    private final long limit;
    private ByteArrayOutputStream bytes;

    /** @param expected the Content-Length when known, else -1 */
    public BodyCopy(long limit, long expected) {
        this.limit = limit;
        this.bytes = new ByteArrayOutputStream(expected > 0 && expected <= limit ? (int) expected : 1024);
    }

    /** Copies the readable bytes (the buffer itself is untouched); false once over the limit. */
    public boolean add(ByteBuf content) {
        if (bytes == null) {
            return false;
        }
        int readable = content.readableBytes();
        if (bytes.size() + (long) readable > limit) {
            bytes = null;
            return false;
        }
        byte[] chunk = new byte[readable];
        content.getBytes(content.readerIndex(), chunk);
        bytes.writeBytes(chunk);
        return true;
    }

    public boolean abandoned() {
        return bytes == null;
    }

    public byte[] toByteArray() {
        return bytes == null ? new byte[0] : bytes.toByteArray();
    }
}
