package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.Actor;
import org.carechat.application.SessionId;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;
import org.carechat.wire.ErrorCode;

/**
 * One open socket (one device of one user), created per connection by the endpoint configurator. It is
 * thin: it keeps what belongs to the connection (who, since when, its token's expiry, its rate, its
 * outbox) and hands every text frame to the dispatcher. Presence opens with the socket and closes exactly
 * once, however the socket ends.
 */
final class ChatSocket implements EventDispatcher.Origin, LiveSocket {
    static final int UNAUTHORIZED = 4401;

    private static final Logger LOG = System.getLogger(ChatSocket.class.getName());
    private static final ByteBuffer PING = ByteBuffer.wrap("carechat".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private final SocketWiring wiring;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile Session session;
    private volatile Actor actor;
    private volatile Instant expiresAt;
    private volatile Instant openedAt;
    private volatile Instant lastHeard;
    private volatile Instant lastPing;
    private volatile Outbox outbox;
    private volatile boolean open;

    ChatSocket(SocketWiring wiring) {
        this.wiring = wiring;
    }

    /**
     * The socket is open; {@code admitted} is what the upgrade gate admitted, if anything: the identity
     * proven at the upgrade, and the outbox registered for this socket before its 101 went out (holding
     * whatever was published to the user since).
     */
    synchronized void opened(Session session, Object admitted) {
        this.session = session;
        if (!(admitted instanceof SocketAdmission.Admitted admission)) {
            // the upgrade gate refuses unauthenticated upgrades with 401; this is the protocol's fallback
            closeNow(new CloseReason(CloseReason.CloseCodes.getCloseCode(UNAUTHORIZED), "unauthorized"));
            return;
        }
        Identity identity = admission.identity();
        Outbox registered = admission.outbox();
        Instant now = wiring.clock().instant();
        SessionId id = registered.session();
        this.actor = new Actor(identity.userId(), identity.role(), id);
        this.expiresAt = identity.expiresAt();
        this.openedAt = now;
        this.lastHeard = now;
        // no container timeout: liveness is ours. Negative, not 0: Tyrus 2.2 schedules a zero-delay task on its
        // shared scheduler at every frame in and out when the timeout is 0 (three wake-ups per message)
        session.setMaxIdleTimeout(-1);
        session.setMaxTextMessageBufferSize(wiring.settings().maxFrameBytes());
        session.setMaxBinaryMessageBufferSize(wiring.settings().maxFrameBytes());
        this.outbox = registered;
        session.addMessageHandler(String.class, this::onText);
        session.addMessageHandler(PongMessage.class, pong -> heard());
        session.addMessageHandler(ByteBuffer.class, this::onBinary);
        open = true;
        wiring.sockets().add(this);
        // what was published to the user since the upgrade waited in the outbox: it leaves now, in order
        outbox.attach(new SessionSink(session));
        LOG.log(Level.INFO, () -> "socket opened: user=" + actor.id() + " session=" + id);
        Result<PresenceState> presence = wiring.core().openSession().open(actor);
        if (!presence.isOk()) {
            LOG.log(Level.WARNING, () -> "presence not recorded for session " + id + ": " + presence.failure().kind());
        }
    }

    /**
     * The socket closed, however: by either side, or broken. Synchronized with {@link #opened} so that a
     * connection dropped during its opening still closes its presence after opening it, never before.
     */
    synchronized void closed(CloseReason reason) {
        if (!open || !ended.compareAndSet(false, true)) {
            return;
        }
        outbox.discard();
        wiring.registry().remove(outbox);
        wiring.sockets().remove(this);
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
            LOG.log(Level.INFO, () -> "socket closed: user=" + who.id() + " session=" + who.session() + " code="
                    + reason.getCloseCode().getCode() + " duration=" + millis + "ms");
        }
    }

    void failed(Throwable error) {
        // the kind of failure only, unless debugging: a message could quote what the client sent
        SessionId id = session();
        LOG.log(Level.WARNING, () -> "socket error in session " + id + ": " + error.getClass().getName());
        LOG.log(Level.DEBUG, () -> "socket error in session " + id, error);
    }

    private void onText(String text) {
        heard();
        if (closing.get()) {
            return;
        }
        if (exceedsFrameLimit(text)) {
            // fragmented messages reach this point whole; single frames are stopped earlier by the FrameGuard
            close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "frame too large"));
            return;
        }
        // the user's budget, shared by all of their sockets and their REST requests
        long retryAfter = wiring.core().requestBudgets().admit(actor);
        wiring.dispatcher().dispatch(this, text, retryAfter);
    }

    private void onBinary(ByteBuffer ignored) {
        heard();
        wiring.metrics().error(ErrorCode.BAD_REQUEST);
        send(Frames.error(wiring.json(), null, ErrorCode.BAD_REQUEST, "frames must be JSON text, not binary", null));
    }

    private boolean exceedsFrameLimit(String text) {
        int max = wiring.settings().maxFrameBytes();
        if ((long) text.length() * 3 <= max) {
            return false;
        }
        return text.length() > max || text.getBytes(StandardCharsets.UTF_8).length > max;
    }

    private void heard() {
        lastHeard = wiring.clock().instant();
    }

    /** Run by the liveness sweep: closes on token expiry or silence, pings a quiet socket. */
    @Override
    public void checkLiveness(Instant now) {
        if (!open || ended.get()) {
            return;
        }
        switch (wiring.liveness().check(now, lastHeard, lastPing, expiresAt)) {
            case CLOSE_EXPIRED -> close(new CloseReason(CloseReason.CloseCodes.getCloseCode(UNAUTHORIZED), "token expired"));
            case CLOSE_IDLE -> close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "idle timeout"));
            case PING -> ping(now);
            case FINE -> { }
        }
    }

    private void ping(Instant now) {
        lastPing = now;
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException gone) {
            // the socket is closing; its close is reported to closed()
        }
    }

    /** Closes after the frames already queued for this socket (server shutdown). */
    @Override
    public void closeGracefully(CloseReason reason) {
        if (open) {
            outbox.closeAfterFlush(reason);
        }
    }

    @Override
    public boolean settled() {
        return ended.get();
    }

    /** Closes now, on the adapter's thread, dropping what is queued. */
    @Override
    public void close(CloseReason reason) {
        if (closing.compareAndSet(false, true)) {
            if (outbox != null) {
                outbox.discard();
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
        outbox.offer(frame);
    }

    /** The container's asynchronous sender, one text frame at a time. */
    private record SessionSink(Session session) implements FrameSink {
        @Override
        public void send(String frame, SendHandler whenDone) {
            session.getAsyncRemote().sendText(frame, whenDone);
        }

        @Override
        public boolean isOpen() {
            return session.isOpen();
        }

        @Override
        public void close(CloseReason reason) {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException alreadyGone) {
                // nothing left to close
            }
        }
    }
}
