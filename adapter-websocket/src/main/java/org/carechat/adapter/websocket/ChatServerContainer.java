package org.carechat.adapter.websocket;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.limits.RequestBudgets;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's server container for a Grizzly listener that someone else owns (the same listener serves REST):
 * modelled on Tyrus's {@code GrizzlyServerContainer.TyrusGrizzlyServerContainer}, without starting a
 * server of its own. Its engine is Tyrus's, behind the {@link UpgradeGate}.
 */
final class ChatServerContainer extends TyrusServerContainer {
    /** The context path the endpoints are registered under; the endpoint's own path is the full path. */
    static final String CONTEXT_PATH = "/";

    /**
     * Room Tyrus's read buffer keeps beyond one frame. Tyrus appends each network read to what it has not
     * parsed yet and fails the connection when the sum exceeds its buffer size, so the buffer must hold a
     * whole frame plus a read; the real per-frame limit is the {@link FrameGuard}'s.
     */
    static final int READ_ROOM = 4 * 1024 * 1024;

    /** The largest frame header: 2 bytes, 8 bytes of extended length, 4 bytes of mask. */
    static final int MAX_FRAME_HEADER = 14;

    private final TyrusWebSocketEngine engine;
    private final UpgradeGate gate;

    ChatServerContainer(WebSocketSettings settings, AuthenticateUseCase auth, SocketAdmission admission,
                        RequestBudgets budgets) {
        super((Set<Class<?>>) null);
        int maxFrameBytes = settings.maxFrameBytes();
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(maxFrameBytes + MAX_FRAME_HEADER + READ_ROOM)
                .build();
        this.gate = new UpgradeGate(engine, settings.path(), new OriginPolicy(settings.allowedOrigins()), auth, maxFrameBytes,
                admission, budgets);
        setDefaultMaxTextMessageBufferSize(maxFrameBytes);
        setDefaultMaxBinaryMessageBufferSize(maxFrameBytes);
        setDefaultMaxSessionIdleTimeout(-1);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, CONTEXT_PATH);
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, CONTEXT_PATH);
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return gate;
    }

    /** No container properties: everything is configured in code. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    UpgradeGate gate() {
        return gate;
    }
}
