package org.carechat.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** One open client WebSocket. Writes are buffered until {@link #flush()}; all of it runs on its event loop. */
public final class WsConnection {
    private final Channel channel;
    private volatile boolean closedByPeerOrUs;
    private volatile int closeCode = -1;

    WsConnection(Channel channel) {
        this.channel = channel;
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    /** Queues a text frame; nothing goes out before {@link #flush()}. */
    public void write(CharSequence text) {
        channel.write(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)), channel.voidPromise());
    }

    public void flush() {
        channel.flush();
    }

    public void send(CharSequence text) {
        write(text);
        flush();
    }

    public boolean isOpen() {
        return channel.isActive() && !closedByPeerOrUs;
    }

    /** Whether the socket could take more without queueing in the client (TCP send buffer not full). */
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** The close code the server sent, or -1. */
    public int closeCode() {
        return closeCode;
    }

    void closeReceived(int code) {
        closeCode = code;
    }

    void markClosed() {
        closedByPeerOrUs = true;
    }

    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(done -> channel.close());
        }
    }

    public Channel channel() {
        return channel;
    }
}
