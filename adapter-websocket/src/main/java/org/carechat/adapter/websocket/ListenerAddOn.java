package org.carechat.adapter.websocket;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
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
        }
    }

    /** On the way out of a successful handshake of the chat path, exempts its connection from the idle timeout. */
    static final class UpgradedConnections extends BaseFilter {
        private final java.util.Set<String> paths;
        final java.util.Set<org.glassfish.grizzly.Connection<?>> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
            }
            return ctx.getInvokeAction();
        }
    }
}
