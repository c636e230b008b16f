package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Reads the header of every incoming WebSocket frame (RFC 6455, section 5.2) before Tyrus buffers it, and
 * closes the socket with 1009 as soon as a frame announces a payload above the limit: none of its payload
 * is buffered or parsed (at most the first bytes of its header, when the network split it, reach Tyrus).
 * Tyrus alone would buffer up to its incoming buffer size and then end the connection with 1011
 * (unexpected condition), not 1009.
 */
final class FrameGuard implements ReadHandler {
    static final CloseReason TOO_BIG = new CloseReason(CloseReason.CloseCodes.TOO_BIG, "frame too large");

    private final ReadHandler delegate;
    private final Connection connection;
    private final long maxPayload;
    private final byte[] header = new byte[14];
    private int headerRead;
    private int headerLength = 2;
    private long payloadLeft;
    private boolean tripped;

    FrameGuard(ReadHandler delegate, Connection connection, long maxPayload) {
        this.delegate = delegate;
        this.connection = connection;
        this.maxPayload = maxPayload;
    }

    @Override
    public void handle(ByteBuffer data) {
        if (tripped || data == null) {
            return;
        }
        int start = data.position();
        int limit = data.limit();
        int at = start;
        while (at < limit) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, limit - at);
                at += skip;
                payloadLeft -= skip;
                continue;
            }
            header[headerRead++] = data.get(at++);
            if (headerRead == 2) {
                int length7 = header[1] & 0x7F;
                boolean masked = (header[1] & 0x80) != 0;
                headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
            }
            if (headerRead >= 2 && headerRead == headerLength) {
                long payload = payloadLength();
                if (payload < 0 || payload > maxPayload) {
                    tripped = true;
                    int frameStart = Math.max(start, at - headerRead);
                    if (frameStart > start) {
                        ByteBuffer before = data.duplicate();
                        before.limit(frameStart);
                        delegate.handle(before);
                    }
                    connection.close(TOO_BIG);
                    return;
                }
                payloadLeft = payload;
                headerRead = 0;
                headerLength = 2;
            }
        }
        delegate.handle(data);
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        if (length7 == 126) {
            return ((header[2] & 0xFFL) << 8) | (header[3] & 0xFFL);
        }
        long length = 0;
        for (int i = 2; i < 10; i++) {
            length = (length << 8) | (header[i] & 0xFFL);
        }
        return length;
    }

    /** A Tyrus connection whose reads go through a guard. */
    static final class GuardedConnection implements Connection {
        private final Connection connection;
        private final FrameGuard guard;

        GuardedConnection(Connection connection, long maxPayload) {
            this.connection = connection;
            this.guard = new FrameGuard(connection.getReadHandler(), connection, maxPayload);
        }

        @Override
        public ReadHandler getReadHandler() {
            return guard;
        }

        @Override
        public Writer getWriter() {
            return connection.getWriter();
        }

        @Override
        public CloseListener getCloseListener() {
            return connection.getCloseListener();
        }

        @Override
        public void close(CloseReason reason) {
            connection.close(reason);
        }
    }
}
