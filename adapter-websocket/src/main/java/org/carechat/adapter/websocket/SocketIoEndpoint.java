package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The endpoint Tyrus sees for the Socket.IO door, one per connection. Public only because Tyrus calls these
 * methods by reflection; everything happens in its package-private {@link SocketIoSocket}.
 */
public final class SocketIoEndpoint extends Endpoint {
    private final SocketIoSocket socket;

    SocketIoEndpoint(SocketIoSocket socket) {
        this.socket = socket;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        socket.opened(session, config.getUserProperties().get(EndpointConfigurator.SOCKET_IO));
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
