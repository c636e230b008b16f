package org.carechat.adapter.websocket;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * Puts the WebSocket endpoint on a listener that also serves HTTP: Tyrus's {@link WebSocketAddOn}, plus a
 * small filter that takes upgraded connections of the chat path out of the listener's HTTP idle timeout
 * (its keep-alive timeout, 30 s by default), which would otherwise drop every socket that stays quiet
 * that long. The adapter's own liveness (pings, idle close) governs those connections instead. Tyrus's
 * stand-alone container disables that timeout for the whole listener; this keeps it for HTTP.
 */
final class ListenerAddOn implements AddOn {
    private final ServerContainer container;
    private final java.util.Set<String> paths;
    private final UpgradedConnections upgraded;

    ListenerAddOn(ServerContainer container, java.util.Set<String> paths) {
        this.container = container;
        this.paths = java.util.Set.copyOf(paths);
        this.upgraded = new UpgradedConnections(this.paths);
    }

    /**
     * Closes the TCP connections of upgraded sockets still open (at shutdown, after their close frames had their
     * chance): a client that does not answer a close frame (socket.io-client for Java does not) would otherwise
     * keep its connection, and the HTTP server's graceful shutdown waiting, for the whole grace period, and would
     * not learn that it must reconnect until then.
     */
    int closeUpgradedConnections() {
        int closed = 0;
        for (org.glassfish.grizzly.Connection<?> connection : java.util.List.copyOf(upgraded.open)) {
            connection.closeSilently();
            closed++;
        }
        return closed;
    }

    /** How many upgraded sockets still hold the HTTP codec's request of their handshake (none: it is let go). */
    long upgradedHoldingTheirHandshake() {
        return upgraded.open.stream()
                .filter(connection -> connection.getAttributes().getAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME) != null)
                .count();
    }

    boolean hasUpgradedConnections() {
        return !upgraded.open.isEmpty();
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        new WebSocketAddOn(container, ChatServerContainer.CONTEXT_PATH).setup(listener, builder);
        int tyrus = builder.indexOfType(GrizzlyServerFilter.class);
        if (tyrus >= 0) {
            // just below Tyrus's filter, so that it sees the handshake response Tyrus writes
            builder.add(tyrus, upgraded);
            int codec = builder.indexOfType(HttpServerFilter.class);
            if (codec >= 0 && codec < tyrus) {
                // just above the HTTP codec, so that an upgraded socket's bytes need not go through it
                builder.add(codec, new UpgradedReads(upgraded));
                upgraded.releaseRequests = true;
            }
        }
    }

    /**
     * Hands the bytes an upgraded chat socket reads straight to Tyrus, past the HTTP codec, so that the codec's
     * handshake request can go ({@link UpgradedConnections} lets it go with the handshake's response). Otherwise
     * Grizzly keeps the upgrade request (its packet, its response, about 35 header chunks: some 7 KB) for as long
     * as the socket lives, only to pass every later read on as that request's content. Tyrus's filter reads nothing of that request once its handshake is done (only the content), so the
     * bytes go to it wrapped in a content of one shared, empty header. Writes are untouched: the codec passes a
     * plain buffer on as it is.
     */
    static final class UpgradedReads extends BaseFilter {
        private static final org.glassfish.grizzly.http.HttpHeader UPGRADED = HttpRequestPacket.builder()
                .method(org.glassfish.grizzly.http.Method.GET).uri("/").protocol(org.glassfish.grizzly.http.Protocol.HTTP_1_1)
                .build();

        private final UpgradedConnections upgraded;
        private volatile int tyrus = -1;

        UpgradedReads(UpgradedConnections upgraded) {
            this.upgraded = upgraded;
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
            if (!(ctx.getMessage() instanceof Buffer bytes) || !upgraded.open.contains(connection)) {
                return ctx.getInvokeAction();
            }
            int target = tyrus;
            if (target < 0) {
                target = ctx.getFilterChain().indexOfType(GrizzlyServerFilter.class);
                tyrus = target;
            }
            ctx.setMessage(HttpContent.builder(UPGRADED).content(bytes).build());
            // the chain goes on with the filter after the one whose index is set: Tyrus's
            ctx.setFilterIdx(target - 1);
            return ctx.getInvokeAction();
        }
    }

    /** On the way out of a successful handshake of the chat path, exempts its connection from the idle timeout. */
    static final class UpgradedConnections extends BaseFilter {
        private final java.util.Set<String> paths;
        final java.util.Set<org.glassfish.grizzly.Connection<?>> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** Whether the HTTP codec's request is let go at the handshake: only when reads go past the codec. */
        volatile boolean releaseRequests;

        UpgradedConnections(java.util.Set<String> paths) {
            this.paths = paths;
        }

        @Override
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.getHttpHeader() instanceof HttpResponsePacket response
                    && response.getStatus() == 101
                    && response.getRequest() != null
                    && paths.contains(response.getRequest().getRequestURI())) {
                IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.SECONDS);
                org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
                if (open.add(connection)) {
                    connection.addCloseListener((org.glassfish.grizzly.Connection.CloseListener) (closed, type) -> open.remove(closed));
                }
                if (releaseRequests) {
                    // the codec reads nothing more of this socket (UpgradedReads): its request of the handshake
                    // is done with, and would otherwise live as long as the socket
                    connection.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
