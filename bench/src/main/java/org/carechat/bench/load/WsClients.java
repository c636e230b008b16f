package org.carechat.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The generator's WebSocket client on Netty: a few event-loop threads carry every connection, each
 * connection may be bound to a chosen local (source) address, so that more connections than one address
 * has ephemeral ports can be opened from 127.0.0.2, 127.0.0.3, ...
 */
public final class WsClients implements AutoCloseable {
    private static final int MAX_FRAME = 4 << 20;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final String transport;
    private final List<EventLoop> loops = new ArrayList<>();

    public WsClients(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        channelType = NioSocketChannel.class;
        transport = "nio";
        group.forEach(executor -> loops.add((EventLoop) executor));
    }

    public String transport() {
        return transport;
    }

    /** The event loops, so that callers can keep related connections (a pair) on one thread. */
    public List<EventLoop> loops() {
        return List.copyOf(loops);
    }

    /**
     * Opens a WebSocket to {@code uri} with {@code Authorization: Bearer token}, from {@code local} (null:
     * any), on {@code loop}; completes once the upgrade succeeded.
     */
    public CompletableFuture<WsConnection> connect(URI uri, String token, InetAddress local, EventLoop loop,
                                                   FrameListener listener) {
        CompletableFuture<WsConnection> opened = new CompletableFuture<>();
        HttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set("Authorization", "Bearer " + token);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .version(WebSocketVersion.V13)
                .customHeaders(headers)
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(60))
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .handleCloseFrames(false)
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(MAX_FRAME),
                                new Handler(opened, listener));
                    }
                });
        int port = uri.getPort();
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), port);
        ChannelFuture connect = local == null ? bootstrap.connect(remote)
                : bootstrap.connect(remote, new InetSocketAddress(local, 0));
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                opened.completeExceptionally(done.cause());
            }
        });
        return opened;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Hands text frames to the listener as bytes; reports the upgrade's outcome and the close. */
    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[8192]});

        private final CompletableFuture<WsConnection> opened;
        private final FrameListener listener;
        private WsConnection connection;

        Handler(CompletableFuture<WsConnection> opened, FrameListener listener) {
            this.opened = opened;
            this.listener = listener;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                connection = new WsConnection(ctx.channel());
                opened.complete(connection);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                opened.completeExceptionally(new IllegalStateException("WebSocket upgrade timed out"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                ByteBuf content = text.content();
                int length = content.readableBytes();
                byte[][] holder = SCRATCH.get();
                if (holder[0].length < length) {
                    holder[0] = new byte[Math.max(length, holder[0].length * 2)];
                }
                content.getBytes(content.readerIndex(), holder[0], 0, length);
                if (connection != null) {
                    listener.onFrame(connection, holder[0], length);
                }
            } else if (frame instanceof CloseWebSocketFrame close) {
                if (connection != null) {
                    connection.closeReceived(close.statusCode());
                }
                CloseWebSocketFrame answer = close.statusCode() < 0 ? new CloseWebSocketFrame()
                        : new CloseWebSocketFrame(close.statusCode(), "");
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!opened.isDone()) {
                opened.completeExceptionally(new IllegalStateException("closed before the upgrade completed"));
            }
            if (connection != null) {
                connection.markClosed();
                listener.onClose(connection);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!opened.isDone()) {
                opened.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}
