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

    void stopAccepting() {
        accepting = false;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        if (!path.equals(request.getRequestURI().getRawPath())) {
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
