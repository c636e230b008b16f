package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The endpoint Tyrus sees, one per connection. Public only because Tyrus calls these methods by
 * reflection; it is not an API. Everything happens in its package-private {@link ChatSocket}.
 */
public final class ChatEndpoint extends Endpoint {
    private final ChatSocket socket;

    ChatEndpoint(ChatSocket socket) {
        this.socket = socket;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        socket.opened(session, config.getUserProperties().get(EndpointConfigurator.ADMITTED));
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        socket.closed(closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        socket.failed(error);
    }
}
