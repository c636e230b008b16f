package org.carechat.adapter.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.application.SessionId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;

/**
 * The frames waiting for one socket, written in the order they were offered with one send in flight at a
 * time. Offering never blocks and never writes in the caller's thread for long: when the socket is busy
 * the frame waits here, and the send's completion carries on with the next. A socket that lets more than
 * {@code capacity} frames pile up is a slow consumer: its queue is dropped and it is closed with 1013
 * (try again later; its client resumes with {@code sync}).
 *
 * <p>A frame the container fails to take (its {@code send} throws, for instance Tyrus's {@link Error} for
 * text that UTF-8 cannot encode) is skipped and the next one goes out: the failure comes before any byte of
 * that frame is written, so the socket is intact, and closing it would only turn the loss of one frame into
 * the loss of every frame until the client is back (and, for a frame that fails because of what it holds,
 * into a reconnect loop, since the client's {@code sync} would fetch it again). A missed message shows as a
 * gap in {@code seq}, which makes the client {@code sync}. When the socket turned out to be closed, sending
 * stops. A {@link VirtualMachineError} is not swallowed: the socket is closed with 1011 and the error goes on.
 *
 * <p>An outbox may exist before its socket does: the upgrade gate registers one {@link #pending} for the
 * connection it admits, before the 101 goes out, so that nothing published to the user from then on is
 * missed. Frames wait (counted against the capacity) until the opened socket {@link #attach attaches} its
 * sink, and then leave in order.
 */
final class Outbox {
    static final CloseReason SLOW_CONSUMER =
            new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too far behind, reconnect and sync");
    static final CloseReason BROKEN =
            new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server error, reconnect and sync");

    private static final Logger LOG = System.getLogger(Outbox.class.getName());

    private final SessionId session;
    private final UserId user;
    private final int capacity;
    /** Null until the socket is attached. */
    private volatile FrameSink sink;
    /** A close decided before the socket was attached: done when it is. Guarded by {@code this}. */
    private CloseReason closeOnAttach;
    private final Executor closer;
    private final Metrics metrics;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Held by whoever is sending: a thread in {@link #drain} or a send in flight. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Outbox(SessionId session, UserId user, int capacity, FrameSink sink, Executor closer, Metrics metrics) {
        this(session, user, capacity, closer, metrics);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    private Outbox(SessionId session, UserId user, int capacity, Executor closer, Metrics metrics) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.session = Objects.requireNonNull(session, "session");
        this.user = Objects.requireNonNull(user, "user");
        this.capacity = capacity;
        this.closer = Objects.requireNonNull(closer, "closer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** An outbox for a socket that does not exist yet: it keeps what it is offered until {@link #attach}. */
    static Outbox pending(SessionId session, UserId user, int capacity, Executor closer, Metrics metrics) {
        return new Outbox(session, user, capacity, closer, metrics);
    }

    /**
     * Gives a pending outbox its socket: what waited is sent now, in order, and so is everything after it.
     * If the outbox was closed meanwhile, the socket is closed: with 1013 when it overflowed, else 1011.
     */
    void attach(FrameSink socket) {
        Objects.requireNonNull(socket, "socket");
        CloseReason close;
        synchronized (this) {
            if (sink != null) {
                throw new IllegalStateException("the outbox of session " + session + " already has its socket");
            }
            sink = socket;
            // closed before its socket came: overflowed (its reason), or its room was taken back
            close = closeOnAttach != null ? closeOnAttach : closed.get() ? BROKEN : null;
        }
        if (close != null) {
            closer.execute(() -> socket.close(close));
            return;
        }
        pump();
    }

    boolean isAttached() {
        return sink != null;
    }

    SessionId session() {
        return session;
    }

    UserId user() {
        return user;
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Queues a frame behind the ones already waiting.
     *
     * @return false when the frame was dropped: the socket is closing, or it just overflowed
     */
    boolean offer(String frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed.get()) {
            return false;
        }
        if (waiting.incrementAndGet() > capacity) {
            overflow();
            return false;
        }
        queue.add(frame);
        pump();
        return true;
    }

    /** Closes the socket once every frame queued before this call has been handed to it. */
    void closeAfterFlush(CloseReason reason) {
        if (closed.get()) {
            return;
        }
        queue.add(new Closing(reason));
        pump();
    }

    /** Stops sending at once: the socket is gone (closed by its client, by the server, or broken). */
    void discard() {
        closed.set(true);
        queue.clear();
    }

    private void overflow() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            metrics.slowConsumerClosed();
            closeSocket(SLOW_CONSUMER);
        }
    }

    /** Closes the socket with 1011 without waiting: this outbox can no longer be trusted to send. */
    private void closeBroken() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            try {
                closeSocket(BROKEN);
            } catch (RuntimeException | Error notEvenThat) {
                // the error being thrown says enough
            }
        }
    }

    /** Closes the socket on the adapter's thread, or as soon as it is attached. */
    private void closeSocket(CloseReason reason) {
        FrameSink socket;
        synchronized (this) {
            socket = sink;
            if (socket == null) {
                closeOnAttach = reason;
                return;
            }
        }
        closer.execute(() -> socket.close(reason));
    }

    private void pump() {
        if (sending.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Sends until the queue is empty or a send is still in flight. The caller holds {@link #sending}. */
    private void drain() {
        while (true) {
            if (closed.get()) {
                return;
            }
            FrameSink socket = sink;
            if (socket == null) {
                // no socket yet: the frames wait for attach, which pumps
                sending.set(false);
                if (sink == null || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            Object next = queue.poll();
            if (next == null) {
                sending.set(false);
                // a frame offered between poll and release finds the flag still held; send it here
                if (queue.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            if (next instanceof Closing closing) {
                if (closed.compareAndSet(false, true)) {
                    queue.clear();
                    closeSocket(closing.reason());
                }
                return;
            }
            waiting.decrementAndGet();
            InFlight send = new InFlight();
            try {
                socket.send((String) next, send);
            } catch (VirtualMachineError fatal) {
                closeBroken();
                throw fatal;
            } catch (Throwable unwritable) {
                send.abandon();
                if (!socket.isOpen()) {
                    // closed under our feet: Tyrus reports the close to the endpoint, which discards this outbox
                    discard();
                    return;
                }
                // the kind of failure only: its message could quote the frame, which may hold health data
                LOG.log(Level.WARNING, () -> "a frame for session " + session + " could not be written and was skipped: "
                        + unwritable.getClass().getName());
                continue;
            }
            metrics.delivered();
            if (send.leftRunning()) {
                return;
            }
            if (!send.succeeded()) {
                discard();
                return;
            }
        }
    }

    /**
     * One send. Its completion may come before {@code send} returns (then the loop in {@link #drain} goes
     * on, keeping the stack flat) or later from the container's thread (then that thread goes on).
     */
    private final class InFlight implements SendHandler {
        private static final int PENDING = 0;
        private static final int RETURNED = 1;
        private static final int DONE_INLINE = 2;
        private static final int DONE_LATER = 3;
        private static final int ABANDONED = 4;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        private volatile SendResult result;

        @Override
        public void onResult(SendResult sendResult) {
            result = sendResult;
            if (state.compareAndSet(PENDING, DONE_INLINE)) {
                return;
            }
            if (!state.compareAndSet(RETURNED, DONE_LATER)) {
                // the send threw (the loop went on without it), or this is a second report
                return;
            }
            if (sendResult.isOK()) {
                drain();
            } else {
                discard();
            }
        }

        /** True when the send is still running after {@code send} returned: its completion carries on. */
        boolean leftRunning() {
            return state.compareAndSet(PENDING, RETURNED);
        }

        /** The send threw: a completion reported after all must not carry on a second sender. */
        void abandon() {
            state.compareAndSet(PENDING, ABANDONED);
        }

        boolean succeeded() {
            return result != null && result.isOK();
        }
    }

    private record Closing(CloseReason reason) {
    }
}
