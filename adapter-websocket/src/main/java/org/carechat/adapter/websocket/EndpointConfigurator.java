package org.carechat.adapter.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.carechat.application.port.TokenVerifier.Identity;

/**
 * Tyrus has no dependency injection: this configurator hands out one wired {@link ChatEndpoint} per
 * connection, and carries the identity proven at the upgrade into that connection's properties.
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    /** The user property under which a connection finds its verified identity. */
    static final String IDENTITY = EndpointConfigurator.class.getName() + ".identity";

    private final SocketWiring wiring;

    EndpointConfigurator(SocketWiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != ChatEndpoint.class) {
            throw new InstantiationException("this configurator builds chat endpoints only, not " + endpointClass.getName());
        }
        return endpointClass.cast(new ChatEndpoint(new ChatSocket(wiring)));
    }

    /** The origin is decided by the {@link UpgradeGate}, which also sees the Host header (the server's own origin). */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Identity identity = UpgradeGate.identityOfCurrentUpgrade();
        if (identity != null) {
            // per connection: Tyrus hands each handshake its own copy of the user properties
            config.getUserProperties().put(IDENTITY, identity);
        }
    }
}
