package org.carechat.adapter.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Tyrus has no dependency injection: this configurator hands out one wired {@link ChatEndpoint} (or
 * {@link SocketIoEndpoint}) per connection, and carries what the upgrade gate admitted (the identity proven at the upgrade and the
 * outbox registered for the socket) into that connection's properties.
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    /** The user property under which a connection finds its admission: verified identity and registered outbox. */
    static final String ADMITTED = EndpointConfigurator.class.getName() + ".admitted";
    /** The user property under which a Socket.IO connection finds what its upgrade let through. */
    static final String SOCKET_IO = EndpointConfigurator.class.getName() + ".socketio";

    private final SocketWiring wiring;

    EndpointConfigurator(SocketWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass == ChatEndpoint.class) {
            return endpointClass.cast(new ChatEndpoint(new ChatSocket(wiring)));
        }
        if (endpointClass == SocketIoEndpoint.class) {
            return endpointClass.cast(new SocketIoEndpoint(new SocketIoSocket(wiring)));
        }
        throw new InstantiationException("this configurator builds CareChat's endpoints only, not " + endpointClass.getName());
    }

    /** The origin is decided by the {@link UpgradeGate}, which also sees the Host header (the server's own origin). */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        SocketAdmission.Admitted admitted = UpgradeGate.currentUpgrade();
        if (admitted != null) {
            // per connection: Tyrus hands each handshake its own copy of the user properties
            config.getUserProperties().put(ADMITTED, admitted);
        }
        UpgradeGate.SocketIoUpgrade socketIo = UpgradeGate.currentSocketIoUpgrade();
        if (socketIo != null) {
            config.getUserProperties().put(SOCKET_IO, socketIo);
        }
    }
}
