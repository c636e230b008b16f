package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.Actor;
import org.carechat.application.SessionId;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.WireException;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Socket.IO connection (Engine.IO v4 over WebSocket, Socket.IO v5 on the default namespace), over the same
 * dispatcher, use cases, budgets and caps as a {@code /ws} socket. It opens as an Engine.IO session; it becomes a
 * user's socket when its CONNECT proves who it is (a token in the {@code auth} object, or the one the upgrade
 * carried), and only then is it registered for delivery, behind the same per-user and per-server caps. Client
 * events come as EVENT packets, answered with an ACK when the client asked for one (the data of the named
 * reply, or {@code {error: {code, message}}}), otherwise with the named reply as an event, as on {@code /ws}.
 * Server events leave as EVENT packets with the same data as on {@code /ws}. The server pings every
 * ping interval (Engine.IO's heartbeat: the client expects it), and closes a socket that stops answering.
 */
final class SocketIoSocket implements EventDispatcher.Origin, LiveSocket {
    /**
     * How long an open connection may take to send its CONNECT (socket.io-client sends it at once): 10 s, or
     * the idle timeout when that is shorter.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = System.getLogger(SocketIoSocket.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final CloseReason LEFT = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "left");
    private static final CloseReason EXPIRED = new CloseReason(CloseReason.CloseCodes.getCloseCode(ChatSocket.UNAUTHORIZED),
            "token expired");

    private final SocketWiring wiring;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;
    private volatile Identity upgraded;
    private volatile Actor actor;
    private volatile Instant expiresAt;
    private volatile Instant openedAt;
    private volatile Instant lastHeard;
    private volatile Instant lastPing;
    private volatile Outbox outbox;
    private volatile boolean unnamedHeld;
    /** At shutdown: the connection is cut by the adapter instead of closed with a frame, once flushed. */
    private volatile boolean cutInstead;
    private volatile boolean flushed;
    /** The client left (a dialect's {@code leave}): once its reply is queued, the socket is disconnected. */
    private volatile boolean leaving;

    SocketIoSocket(SocketWiring wiring) {
        this.wiring = wiring;
    }

    /**
     * The WebSocket is open: the Engine.IO session starts with its open packet. {@code upgrade} is what the gate
     * let through: the identity of a token the upgrade carried, if any, and the room held for the socket.
     */
    synchronized void opened(Session session, Object upgrade) {
        this.session = session;
        if (!(upgrade instanceof UpgradeGate.SocketIoUpgrade admitted)) {
            closeNow(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "not admitted"));
            return;
        }
        this.upgraded = admitted.identity();
        this.unnamedHeld = admitted.take();
        Instant now = wiring.clock().instant();
        this.openedAt = now;
        this.lastHeard = now;
        this.lastPing = now;
        session.setMaxIdleTimeout(-1);
        session.setMaxTextMessageBufferSize(wiring.settings().maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(wiring.settings().maxFrameBytes());
        session.addMessageHandler(String.class, this::onText);
        session.addMessageHandler(PongMessage.class, pong -> heard());
        session.addMessageHandler(ByteBuffer.class, this::onBinary);
        wiring.sockets().add(this);
        Duration interval = wiring.settings().pingInterval();
        raw(SocketIoPackets.open(wiring.json(), "e_" + UUID.randomUUID(), interval,
                wiring.settings().idleTimeout().minus(interval), wiring.settings().maxFrameBytes()));
    }

    synchronized void closed(CloseReason reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        wiring.sockets().remove(this);
        releaseUnnamed();
        Outbox registered = outbox;
        if (registered == null) {
            return;
        }
        registered.discard();
        wiring.registry().remove(registered);
        Actor who = actor;
        try {
            Result<PresenceState> presence = wiring.core().closeSession().close(who);
            if (!presence.isOk()) {
                LOG.log(Level.WARNING, () -> "presence not updated for session " + who.session() + ": " + presence.failure().kind());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> "closing the presence of session " + who.session() + " failed", e);
        } finally {
            long millis = Duration.between(openedAt, wiring.clock().instant()).toMillis();
            LOG.log(Level.INFO, () -> "socket.io socket closed: user=" + who.id() + " session=" + who.session() + " code="
                    + reason.getCloseCode().getCode() + " duration=" + millis + "ms");
        }
    }

    void failed(Throwable error) {
        LOG.log(Level.WARNING, () -> "socket.io socket error in session " + session() + ": " + error.getClass().getName());
    }

    private void onText(String text) {
        heard();
        if (closing.get() || text.isEmpty()) {
            return;
        }
        if ((long) text.length() * 3 > wiring.settings().maxFrameBytes()
                && text.getBytes(StandardCharsets.UTF_8).length > wiring.settings().maxFrameBytes()) {
            close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "frame too large"));
            return;
        }
        switch (text.charAt(0)) {
            case SocketIoPackets.PONG -> { }
            case SocketIoPackets.PING -> send(SocketIoPackets.PONG_PACKET);
            case SocketIoPackets.CLOSE -> close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "client closed"));
            case SocketIoPackets.MESSAGE -> packet(text.substring(1));
            default -> refuse(null, ErrorCode.BAD_REQUEST, "not an Engine.IO packet: use a Socket.IO client "
                    + "(Engine.IO 4, WebSocket transport)");
        }
    }

    private void onBinary(ByteBuffer ignored) {
        heard();
        refuse(null, ErrorCode.BAD_REQUEST, "binary packets are not supported: send JSON");
    }

    private void packet(String text) {
        SocketIoPackets.Packet packet;
        try {
            packet = SocketIoPackets.parse(wiring.json(), text);
        } catch (WireException unreadable) {
            if (actor == null && unreadable.code() == ErrorCode.NOT_FOUND) {
                raw(SocketIoPackets.connectError(wiring.json(), unreadable.code(), unreadable.getMessage()));
                return;
            }
            refuse(null, unreadable.code(), unreadable.getMessage());
            return;
        }
        if (packet.unreadable() != null) {
            if (packet.type() == SocketIoPackets.CONNECT) {
                raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.BAD_REQUEST, "the auth object is not valid JSON"));
            } else {
                refuse(packet.ackId(), packet.unreadable().code(), packet.unreadable().getMessage());
            }
            return;
        }
        switch (packet.type()) {
            case SocketIoPackets.CONNECT -> connect(packet.payload());
            case SocketIoPackets.DISCONNECT -> close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "client disconnected"));
            case SocketIoPackets.EVENT -> event(packet);
            case SocketIoPackets.ACK -> { } // we ask for no acknowledgements
            default -> refuse(packet.ackId(), ErrorCode.BAD_REQUEST, "a client does not send this packet type");
        }
    }

    /** CONNECT: who this socket is (the auth object's token, else the upgrade's), then room and registration. */
    private synchronized void connect(JsonNode auth) {
        if (actor != null) {
            refuse(null, ErrorCode.CONFLICT, "this socket is connected already");
            return;
        }
        if (auth != null && !auth.isObject()) {
            raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.BAD_REQUEST, "auth must be an object {token}"));
            return;
        }
        JsonNode token = auth == null ? null : auth.get("token");
        Identity identity;
        if (token != null && !token.isNull()) {
            if (!token.isString()) {
                raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.BAD_REQUEST, "auth.token must be a string"));
                return;
            }
            Result<Identity> proven = wiring.auth().authenticate(token.stringValue());
            if (!proven.isOk()) {
                boolean unavailable = proven.failure() instanceof ChatFailure.Unavailable;
                raw(SocketIoPackets.connectError(wiring.json(), unavailable ? ErrorCode.UNAVAILABLE : ErrorCode.UNAUTHORIZED,
                        unavailable ? "the store does not answer; retry" : "unauthorized"));
                return;
            }
            identity = proven.orThrow();
            if (upgraded != null && !upgraded.userId().equals(identity.userId())) {
                raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.UNAUTHORIZED,
                        "the auth token and the upgrade's token are of different users"));
                return;
            }
        } else if (upgraded != null) {
            identity = upgraded;
        } else {
            raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.UNAUTHORIZED,
                    "unauthorized: connect with auth: {token}"));
            return;
        }
        long retryAfterMs = wiring.core().requestBudgets().admit(Actor.of(identity.userId(), identity.role()));
        if (retryAfterMs > 0) {
            raw(SocketIoPackets.connectError(wiring.json(), ErrorCode.RATE_LIMITED, "too many requests; retry in "
                    + retryAfterMs + " ms"));
            return;
        }
        WireJson json = wiring.json();
        SocketAdmission.Verdict verdict = wiring.admission().admit(identity,
                session -> SocketIoPackets.connected(json, session.value()));
        if (verdict instanceof SocketAdmission.Full full) {
            raw(SocketIoPackets.connectError(json, ErrorCode.RATE_LIMITED, full.room() == SessionRegistry.Room.USER_FULL
                    ? "Too Many Sockets For This User" : "Too Many Sockets On This Server"));
            return;
        }
        SocketAdmission.Admitted admitted = (SocketAdmission.Admitted) verdict;
        releaseUnnamed();
        Outbox registered = admitted.outbox();
        this.actor = new Actor(identity.userId(), identity.role(), registered.session());
        this.expiresAt = identity.expiresAt();
        this.outbox = registered;
        registered.attach(new SessionSink(session, this));
        wiring.admission().settle(admitted);
        LOG.log(Level.INFO, () -> "socket.io socket connected: user=" + actor.id() + " session=" + registered.session());
        Result<PresenceState> presence = wiring.core().openSession().open(actor);
        if (!presence.isOk()) {
            LOG.log(Level.WARNING, () -> "presence not recorded for session " + registered.session() + ": "
                    + presence.failure().kind());
        }
    }

    /** EVENT {@code ["name", data]}: the same dispatch as a {@code /ws} frame, its ack id standing for the frame's id. */
    private void event(SocketIoPackets.Packet packet) {
        if (actor == null) {
            refuse(packet.ackId(), ErrorCode.UNAUTHORIZED, "connect first (CONNECT with auth: {token})");
            return;
        }
        JsonNode args = packet.payload();
        if (args == null || !args.isArray() || args.isEmpty() || !args.get(0).isString()) {
            refuse(packet.ackId(), ErrorCode.BAD_REQUEST, "an event is [\"name\", data]");
            return;
        }
        if (args.size() > 2) {
            refuse(packet.ackId(), ErrorCode.BAD_REQUEST, "an event takes one data argument");
            return;
        }
        ObjectNode root = NODES.objectNode();
        root.put("event", args.get(0).stringValue());
        if (packet.ackId() != null) {
            root.put("id", packet.ackId().toString());
        }
        if (args.size() == 2 && !args.get(1).isNull()) {
            root.set("data", args.get(1));
        }
        long retryAfterMs = wiring.core().requestBudgets().admit(actor);
        SocketIoDoor door = wiring.socketIo();
        door.dispatcher().dispatch(this, root, retryAfterMs, door);
        if (leaving) {
            leaving = false;
            send(SocketIoPackets.DISCONNECTED);
            outbox.closeAfterFlush(LEFT);
        }
    }

    /** The client said it leaves: after the reply it is waiting for, the server disconnects it (no reconnection). */
    void leaveAfterReply() {
        leaving = true;
    }

    /** An error to the client: as the ACK of {@code ackId}, else as an error event. */
    private void refuse(Long ackId, ErrorCode code, String message) {
        wiring.metrics().error(code);
        send(wiring.socketIo().error(wiring.json(), ackId == null ? null : ackId.toString(), null, code, message, null));
    }

    private void heard() {
        lastHeard = wiring.clock().instant();
    }

    /**
     * The Engine.IO heartbeat: a ping every ping interval, whatever else goes on (the client counts from the
     * last one); a socket silent past the idle timeout is closed, one not connected in time too, and a token's
     * expiry disconnects it (the client then connects again with a fresh token).
     */
    @Override
    public void checkLiveness(Instant now) {
        if (ended.get()) {
            return;
        }
        Duration connectTimeout = CONNECT_TIMEOUT.compareTo(wiring.settings().idleTimeout()) < 0 ? CONNECT_TIMEOUT
                : wiring.settings().idleTimeout();
        if (actor == null && Duration.between(openedAt, now).compareTo(connectTimeout) >= 0) {
            close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "no CONNECT"));
            return;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            send(SocketIoPackets.DISCONNECTED);
            outbox.closeAfterFlush(EXPIRED);
            expiresAt = null;
            return;
        }
        if (Duration.between(lastHeard, now).compareTo(wiring.settings().idleTimeout()) >= 0) {
            close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "idle timeout"));
            return;
        }
        if (Duration.between(lastPing, now).compareTo(wiring.settings().pingInterval()) >= 0) {
            lastPing = now;
            send(SocketIoPackets.PING_PACKET);
        }
    }

    /**
     * Server shutdown: what is queued goes out, then the adapter cuts the connection, with neither a DISCONNECT
     * packet (socket.io-client would not come back) nor a close frame (socket.io-client for Java does not answer
     * one, and would not notice the end until its heartbeat timeout): a cut connection is what every client
     * reconnects from at once, with its auth, to the next server.
     */
    @Override
    public void closeGracefully(CloseReason reason) {
        Outbox registered = outbox;
        cutInstead = true;
        if (registered != null) {
            registered.closeAfterFlush(reason);
        } else {
            flushed = true;
        }
    }

    @Override
    public boolean settled() {
        return ended.get() || flushed;
    }

    @Override
    public void close(CloseReason reason) {
        if (closing.compareAndSet(false, true)) {
            Outbox registered = outbox;
            if (registered != null) {
                registered.discard();
            }
            wiring.closer().execute(() -> closeNow(reason));
        }
    }

    private void closeNow(CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException alreadyGone) {
            // nothing left to close
        }
    }

    private synchronized void releaseUnnamed() {
        if (unnamedHeld) {
            unnamedHeld = false;
            wiring.admission().releaseUnnamed();
        }
    }

    /** Before CONNECT the socket has no outbox: its few packets (open, pong, refusals) go straight out. */
    private void raw(String packet) {
        try {
            session.getAsyncRemote().sendText(packet, result -> { });
        } catch (RuntimeException gone) {
            // the socket is closing; its close is reported to closed()
        }
    }

    @Override
    public Actor actor() {
        return actor;
    }

    @Override
    public SessionId session() {
        Actor current = actor;
        return current == null ? null : current.session();
    }

    @Override
    public void renew(Identity identity) {
        Actor current = actor;
        if (!identity.userId().equals(current.id())) {
            throw new Refusal(new ChatFailure.Unauthorized("the token belongs to another user; this socket keeps its own"));
        }
        this.actor = new Actor(identity.userId(), identity.role(), current.session());
        this.expiresAt = identity.expiresAt();
    }

    @Override
    public void send(String frame) {
        Outbox registered = outbox;
        if (registered != null) {
            registered.offer(frame);
        } else {
            raw(frame);
        }
    }

    /**
     * The container's asynchronous sender; a notifier frame becomes an EVENT packet on its way out (or the
     * dialect's packets, sent one after the other, {@code whenDone} told once the last has gone).
     */
    private record SessionSink(Session session, SocketIoSocket socket) implements FrameSink {
        @Override
        public void send(String frame, SendHandler whenDone) {
            SocketIoDoor door = socket.wiring.socketIo();
            if (!door.rewrites()) {
                session.getAsyncRemote().sendText(SocketIoPackets.fromFrame(frame), whenDone);
                return;
            }
            sendFrom(door.outbound(frame, socket.actor), 0, whenDone);
        }

        private void sendFrom(List<String> packets, int index, SendHandler whenDone) {
            if (index == packets.size()) {
                whenDone.onResult(new SendResult());
                return;
            }
            if (index == packets.size() - 1) {
                session.getAsyncRemote().sendText(packets.get(index), whenDone);
                return;
            }
            session.getAsyncRemote().sendText(packets.get(index), result -> {
                if (result.isOK()) {
                    sendFrom(packets, index + 1, whenDone);
                } else {
                    whenDone.onResult(result);
                }
            });
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void close(CloseReason reason) {
            if (socket.cutInstead) {
                socket.flushed = true; // the adapter cuts the connection
                return;
            }
            try {
                session.close(reason);
            } catch (IOException | RuntimeException alreadyGone) {
                // nothing left to close
            }
        }
    }
}
