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
    private final String path;

    ListenerAddOn(ServerContainer container, String path) {
        this.container = container;
        this.path = path;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        new WebSocketAddOn(container, ChatServerContainer.CONTEXT_PATH).setup(listener, builder);
        int tyrus = builder.indexOfType(GrizzlyServerFilter.class);
        if (tyrus >= 0) {
            // just below Tyrus's filter, so that it sees the handshake response Tyrus writes
            builder.add(tyrus, new UpgradedConnections(path));
        }
    }

    /** On the way out of a successful handshake of the chat path, exempts its connection from the idle timeout. */
    static final class UpgradedConnections extends BaseFilter {
        private final String path;

        UpgradedConnections(String path) {
            this.path = path;
        }

        @Override
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.getHttpHeader() instanceof HttpResponsePacket response
                    && response.getStatus() == 101
                    && response.getRequest() != null
                    && path.equals(response.getRequest().getRequestURI())) {
                IdleTimeoutFilter.setCustomTimeout(ctx.getConnection(), -1, TimeUnit.SECONDS);
            }
            return ctx.getInvokeAction();
        }
    }
}
