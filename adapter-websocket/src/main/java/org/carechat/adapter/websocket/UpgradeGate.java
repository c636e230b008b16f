package org.carechat.adapter.websocket;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.Result;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Stands in front of Tyrus's engine for upgrades of the chat path and answers in plain HTTP before a
 * socket exists: 503 while shutting down, 403 for an origin that is not allowed, 401 for a missing or bad
 * token ({@code Authorization: Bearer} or {@code access_token}). An accepted upgrade goes on to Tyrus with
 * its verified identity, and its connection reads through a {@link FrameGuard}.
 *
 * <p>Tyrus's own refusal points cannot do this: {@code checkOrigin} never sees the Host header, and a
 * status set in {@code modifyHandshake} is either ignored or, for 401, still opens the socket.
 *
 * <p>Nothing reaches Tyrus's engine that the gate did not admit: an upgrade of any other path is not the
 * gate's, and it is left to HTTP (a 404, not a socket) without asking the engine. The engine matches
 * paths its own way (it opens {@code /ws;a=b} as {@code /ws}), so a gate that only checked the exact path
 * and passed the rest on would let such spellings open sockets past every check.
 */
final class UpgradeGate implements WebSocketEngine {
    private static final Logger LOG = System.getLogger(UpgradeGate.class.getName());
    private static final String BEARER = "bearer ";
    private static final ThreadLocal<Identity> CURRENT = new ThreadLocal<>();

    private final WebSocketEngine engine;
    private final String path;
    private final OriginPolicy origins;
    private final AuthenticateUseCase auth;
    private final int maxFrameBytes;
    private volatile boolean accepting = true;

    UpgradeGate(WebSocketEngine engine, String path, OriginPolicy origins, AuthenticateUseCase auth, int maxFrameBytes) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.path = Objects.requireNonNull(path, "path");
        this.origins = Objects.requireNonNull(origins, "origins");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The identity verified for the upgrade being handled in this thread. Tyrus calls the configurator's
     * {@code modifyHandshake} synchronously inside {@link #upgrade}, so it is found there.
     */
    static Identity identityOfCurrentUpgrade() {
        return CURRENT.get();
    }

    void stopAccepting() {
        accepting = false;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        if (!path.equals(request.getRequestURI().getRawPath())) {
            return NotApplicable.INSTANCE;
        }
        if (!accepting) {
            return refuse(response, 503, "Service Unavailable");
        }
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            LOG.log(Level.INFO, "websocket upgrade refused: origin not allowed");
            return refuse(response, 403, "Forbidden");
        }
        Result<Identity> identity = auth.authenticate(tokenOf(request));
        if (!identity.isOk()) {
            LOG.log(Level.INFO, "websocket upgrade refused: unauthorized");
            response.getHeaders().put("WWW-Authenticate", List.of("Bearer realm=\"carechat\""));
            return refuse(response, 401, "Unauthorized");
        }
        CURRENT.set(identity.orThrow());
        try {
            UpgradeInfo info = engine.upgrade(request, response);
            return info.getStatus() == UpgradeStatus.SUCCESS ? new Guarded(info, maxFrameBytes) : info;
        } finally {
            CURRENT.remove();
        }
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
        engine.register(serverConfig, contextPath);
    }

    /** The bearer token of the upgrade: the Authorization header first, else the access_token parameter (browsers). */
    static String tokenOf(UpgradeRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() > BEARER.length()
                && header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return header.substring(BEARER.length()).strip();
        }
        List<String> parameter = request.getParameterMap().get("access_token");
        return parameter == null || parameter.isEmpty() ? null : parameter.get(0);
    }

    private static UpgradeInfo refuse(UpgradeResponse response, int status, String phrase) {
        response.setStatus(status);
        response.setReasonPhrase(phrase);
        response.getHeaders().put("Content-Length", List.of("0"));
        return Refused.INSTANCE;
    }

    private enum Refused implements UpgradeInfo {
        INSTANCE;

        @Override
        public UpgradeStatus getStatus() {
            return UpgradeStatus.HANDSHAKE_FAILED;
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            return null;
        }
    }

    /** Not an upgrade of the chat path: the request goes on as plain HTTP. */
    private enum NotApplicable implements UpgradeInfo {
        INSTANCE;

        @Override
        public UpgradeStatus getStatus() {
            return UpgradeStatus.NOT_APPLICABLE;
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            return null;
        }
    }

    /** An accepted upgrade whose connection reads through a frame-size guard. */
    private record Guarded(UpgradeInfo upgrade, int maxFrameBytes) implements UpgradeInfo {
        @Override
        public UpgradeStatus getStatus() {
            return upgrade.getStatus();
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            Connection connection = upgrade.createConnection(writer, closeListener);
            return connection == null ? null : new FrameGuard.GuardedConnection(connection, maxFrameBytes);
        }
    }
}
