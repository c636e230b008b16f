package org.carechat.adapter.websocket;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.carechat.application.Actor;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.limits.RequestBudgets;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Stands in front of Tyrus's engine for upgrades of the chat path and answers in plain HTTP before a
 * socket exists: 503 while shutting down, 403 for an origin that is not allowed, 401 for a missing or bad
 * token ({@code Authorization: Bearer} or {@code access_token}), 429 when the user already has as many
 * sockets as allowed, 503 when the server has. An accepted upgrade holds its room and a registered outbox
 * ({@link SocketAdmission}) before Tyrus writes the 101, goes on to Tyrus with its verified identity and
 * that outbox, and its connection reads through a {@link FrameGuard}. An upgrade Tyrus then fails, or
 * whose socket does not open, gives its room back.
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
    private static final ThreadLocal<SocketAdmission.Admitted> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<SocketIoUpgrade> CURRENT_SOCKET_IO = new ThreadLocal<>();
    /** The Socket.IO door's path, as socket.io-client asks for it by default. */
    static final String SOCKET_IO_PATH = "/socket.io/";

    /**
     * A Socket.IO upgrade let through: the identity of the token it carried (null: the socket names its user
     * in its CONNECT), and the room held for it among the server's sockets, which its socket takes once open.
     */
    static final class SocketIoUpgrade {
        private final Identity identity;
        private final java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();

        SocketIoUpgrade(Identity identity) {
            this.identity = identity;
        }

        Identity identity() {
            return identity;
        }

        /** The socket takes the held room (once); true if it was still there. */
        boolean take() {
            return taken.compareAndSet(false, true);
        }
    }

    private final WebSocketEngine engine;
    private final String path;
    private final OriginPolicy origins;
    private final AuthenticateUseCase auth;
    private final int maxFrameBytes;
    private final SocketAdmission admission;
    private final RequestBudgets budgets;
    private volatile boolean accepting = true;

    UpgradeGate(WebSocketEngine engine, String path, OriginPolicy origins, AuthenticateUseCase auth, int maxFrameBytes,
                SocketAdmission admission, RequestBudgets budgets) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.path = Objects.requireNonNull(path, "path");
        this.origins = Objects.requireNonNull(origins, "origins");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.maxFrameBytes = maxFrameBytes;
        this.admission = Objects.requireNonNull(admission, "admission");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
    }

    /**
     * The upgrade being handled in this thread: its verified identity and its registered outbox. Tyrus calls
     * the configurator's {@code modifyHandshake} synchronously inside {@link #upgrade}, so it is found there.
     */
    static SocketAdmission.Admitted currentUpgrade() {
        return CURRENT.get();
    }

    /** The Socket.IO upgrade being handled in this thread, for the configurator (as {@link #currentUpgrade}). */
    static SocketIoUpgrade currentSocketIoUpgrade() {
        return CURRENT_SOCKET_IO.get();
    }

    void stopAccepting() {
        accepting = false;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        String requested = request.getRequestURI().getRawPath();
        if (SOCKET_IO_PATH.equals(requested)) {
            return upgradeSocketIo(request, response);
        }
        if (!path.equals(requested)) {
            return Unopened.NOT_APPLICABLE;
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
            if (identity.failure() instanceof ChatFailure.Unavailable) {
                // the directory did not answer: the token may be fine, so the client must not drop it
                LOG.log(Level.WARNING, "websocket upgrade refused: the store is unavailable");
                return refuse(response, 503, "Service Unavailable");
            }
            LOG.log(Level.INFO, "websocket upgrade refused: unauthorized");
            response.getHeaders().put("WWW-Authenticate", List.of("Bearer realm=\"carechat\""));
            return refuse(response, 401, "Unauthorized");
        }
        // an upgrade is a request like any other: opening and closing sockets in a loop spends the user's budget
        long retryAfterMs = budgets.admit(Actor.of(identity.orThrow().userId(), identity.orThrow().role()));
        if (retryAfterMs > 0) {
            LOG.log(Level.INFO, () -> "websocket upgrade refused: user " + identity.orThrow().userId() + " is over their request budget");
            response.getHeaders().put("Retry-After",
                    List.of(Long.toString(new ChatFailure.RateLimited(retryAfterMs).retryAfterSeconds())));
            return refuse(response, 429, "Too Many Requests");
        }
        SocketAdmission.Verdict verdict = admission.admit(identity.orThrow());
        if (verdict instanceof SocketAdmission.Full full) {
            return refuseFull(response, identity.orThrow(), full.room());
        }
        SocketAdmission.Admitted admitted = (SocketAdmission.Admitted) verdict;
        boolean handedOver = false;
        CURRENT.set(admitted);
        try {
            UpgradeInfo info = engine.upgrade(request, response);
            if (info.getStatus() == UpgradeStatus.SUCCESS) {
                handedOver = true;
                return new Guarded(info, maxFrameBytes, admitted, admission);
            }
            return info;
        } finally {
            CURRENT.remove();
            if (!handedOver) {
                admission.release(admitted);
            }
        }
    }

    /**
     * The Socket.IO door: the same refusals as {@code /ws} before a socket exists (shutting down, origin, a bad
     * token the upgrade carries, the user's request budget, the server's cap), plus Engine.IO 4 over WebSocket
     * only. A token is optional here: a socket.io-client sends it in its CONNECT's auth object, after the upgrade.
     */
    private UpgradeInfo upgradeSocketIo(UpgradeRequest request, UpgradeResponse response) {
        if (!accepting) {
            return refuse(response, 503, "Service Unavailable");
        }
        java.util.Map<String, List<String>> parameters = request.getParameterMap();
        if (!List.of("4").equals(parameters.get("EIO")) || !List.of("websocket").equals(parameters.get("transport"))) {
            LOG.log(Level.INFO, "socket.io upgrade refused: not EIO=4 over websocket");
            return refuse(response, 400, "Bad Request: Engine.IO 4 over WebSocket only (transports: ['websocket'])");
        }
        if (!origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            LOG.log(Level.INFO, "socket.io upgrade refused: origin not allowed");
            return refuse(response, 403, "Forbidden");
        }
        Identity identity = null;
        String token = tokenOf(request);
        if (token != null) {
            Result<Identity> proven = auth.authenticate(token);
            if (!proven.isOk()) {
                if (proven.failure() instanceof ChatFailure.Unavailable) {
                    return refuse(response, 503, "Service Unavailable");
                }
                LOG.log(Level.INFO, "socket.io upgrade refused: unauthorized");
                response.getHeaders().put("WWW-Authenticate", List.of("Bearer realm=\"carechat\""));
                return refuse(response, 401, "Unauthorized");
            }
            identity = proven.orThrow();
            long retryAfterMs = budgets.admit(Actor.of(identity.userId(), identity.role()));
            if (retryAfterMs > 0) {
                response.getHeaders().put("Retry-After",
                        List.of(Long.toString(new ChatFailure.RateLimited(retryAfterMs).retryAfterSeconds())));
                return refuse(response, 429, "Too Many Requests");
            }
        }
        if (!admission.holdUnnamed()) {
            LOG.log(Level.WARNING, "socket.io upgrade refused: the server has as many sockets as allowed");
            return refuse(response, 503, "Too Many Sockets On This Server");
        }
        SocketIoUpgrade upgrade = new SocketIoUpgrade(identity);
        boolean handedOver = false;
        CURRENT_SOCKET_IO.set(upgrade);
        try {
            UpgradeInfo info = engine.upgrade(request, response);
            if (info.getStatus() == UpgradeStatus.SUCCESS) {
                handedOver = true;
                return new GuardedSocketIo(info, maxFrameBytes, upgrade, admission);
            }
            return info;
        } finally {
            CURRENT_SOCKET_IO.remove();
            if (!handedOver && upgrade.take()) {
                admission.releaseUnnamed();
            }
        }
    }

    /** As {@link Guarded}, for a Socket.IO upgrade: a room its socket did not take when opening is given back. */
    private record GuardedSocketIo(UpgradeInfo upgrade, int maxFrameBytes, SocketIoUpgrade held,
                                   SocketAdmission admission) implements UpgradeInfo {
        @Override
        public UpgradeStatus getStatus() {
            return upgrade.getStatus();
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            Connection connection;
            try {
                connection = upgrade.createConnection(writer, closeListener);
            } finally {
                if (held.take()) {
                    admission.releaseUnnamed();
                }
            }
            return connection == null ? null : new FrameGuard.GuardedConnection(connection, maxFrameBytes);
        }
    }

    private static UpgradeInfo refuseFull(UpgradeResponse response, Identity identity, SessionRegistry.Room room) {
        if (room == SessionRegistry.Room.USER_FULL) {
            LOG.log(Level.INFO, () -> "websocket upgrade refused: user " + identity.userId() + " has as many sockets as allowed");
            return refuse(response, 429, "Too Many Sockets For This User");
        }
        LOG.log(Level.WARNING, "websocket upgrade refused: the server has as many sockets as allowed");
        return refuse(response, 503, "Too Many Sockets On This Server");
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
        return Unopened.REFUSED;
    }

    /** An upgrade that opens no socket: refused in plain HTTP, or not for the chat path at all (plain HTTP goes on). */
    private enum Unopened implements UpgradeInfo {
        REFUSED(UpgradeStatus.HANDSHAKE_FAILED),
        NOT_APPLICABLE(UpgradeStatus.NOT_APPLICABLE);

        private final UpgradeStatus status;

        Unopened(UpgradeStatus status) {
            this.status = status;
        }

        @Override
        public UpgradeStatus getStatus() {
            return status;
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            return null;
        }
    }

    /**
     * An accepted upgrade whose connection reads through a frame-size guard. Tyrus opens the socket (and
     * the endpoint attaches the registered outbox) inside {@code createConnection}; whatever happened there,
     * the admission is settled right after: the room stays with the socket, or is given back.
     */
    private record Guarded(UpgradeInfo upgrade, int maxFrameBytes, SocketAdmission.Admitted admitted,
                           SocketAdmission admission) implements UpgradeInfo {
        @Override
        public UpgradeStatus getStatus() {
            return upgrade.getStatus();
        }

        @Override
        public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
            Connection connection;
            try {
                connection = upgrade.createConnection(writer, closeListener);
            } finally {
                admission.settle(admitted);
            }
            return connection == null ? null : new FrameGuard.GuardedConnection(connection, maxFrameBytes);
        }
    }
}
