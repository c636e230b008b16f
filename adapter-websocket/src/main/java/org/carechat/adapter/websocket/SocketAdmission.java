package org.carechat.adapter.websocket;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.carechat.application.SessionId;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.wire.Metrics;

/**
 * Room for sockets, taken at the upgrade. For an authenticated upgrade the gate asks {@link #admit}: a
 * new session and its outbox are registered in the {@link SessionRegistry} under the caps (sockets per
 * user, sockets in all) before the 101 goes out, so that the room is reserved atomically and that every
 * event published to the user from then on is kept for the socket (it is sent once the socket opens and
 * attaches). The room is given back when the socket closes ({@code ChatSocket.closed}), or here when the
 * upgrade fails or the socket never opens.
 */
final class SocketAdmission {
    /** How long an admitted upgrade may take to open its socket before its room is taken back. */
    static final Duration OPENING_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = System.getLogger(SocketAdmission.class.getName());

    /** What the gate is told: room for the socket, or the cap it hit. */
    sealed interface Verdict permits Admitted, Full {
    }

    /** An admitted upgrade: who, and the outbox registered for its socket. */
    record Admitted(Identity identity, Outbox outbox) implements Verdict {
    }

    /** No room: the user's sockets or the server's are at their cap. */
    record Full(SessionRegistry.Room room) implements Verdict {
    }

    private final SessionRegistry registry;
    private final int maxPerUser;
    private final int maxTotal;
    private final int outboxCapacity;
    private final Executor closer;
    private final Metrics metrics;
    /** Admitted upgrades whose socket has not opened yet, with when they were admitted (nanoTime). */
    private final Map<Outbox, Long> opening = new ConcurrentHashMap<>();
    /** Sockets open but not yet named a user (the Socket.IO door's, before their CONNECT): they count to the cap. */
    private final java.util.concurrent.atomic.AtomicInteger unnamed = new java.util.concurrent.atomic.AtomicInteger();
    /** In a cluster: the sessions a user has open on every node (the cluster's presence); null on a server alone. */
    private volatile java.util.function.ToIntFunction<org.carechat.domain.user.UserId> clusterSessions;

    SocketAdmission(SessionRegistry registry, WebSocketSettings settings, Executor closer, Metrics metrics) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxPerUser = settings.maxSocketsPerUser();
        this.maxTotal = settings.maxSockets();
        this.outboxCapacity = settings.outboundQueueFrames();
        this.closer = Objects.requireNonNull(closer, "closer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Counts a user's sockets against the per-user cap on every node of a cluster, as {@code sessions} gives them
     * (besides this node's own count): checked at each upgrade, so two upgrades at the same instant on two nodes may
     * both pass.
     */
    void capAcrossCluster(java.util.function.ToIntFunction<org.carechat.domain.user.UserId> sessions) {
        this.clusterSessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Reserves room for one more socket of the identity's user, registered for delivery from now on. */
    Verdict admit(Identity identity) {
        return admit(identity, null);
    }

    /**
     * As {@link #admit(Identity)}, with a first frame for the socket, queued before anything published to the
     * user (the Socket.IO door's CONNECT answer, which names the session). The caller counted as one of the
     * {@link #holdUnnamed() unnamed} sockets so far; that hold becomes the registered room (or ends, when full).
     */
    Verdict admit(Identity identity, java.util.function.Function<SessionId, String> firstFrame) {
        java.util.function.ToIntFunction<org.carechat.domain.user.UserId> cluster = clusterSessions;
        if (cluster != null && cluster.applyAsInt(identity.userId()) >= maxPerUser) {
            return new Full(SessionRegistry.Room.USER_FULL);
        }
        SessionId session = new SessionId("s_" + UUID.randomUUID());
        Outbox outbox = Outbox.pending(session, identity.userId(), outboxCapacity, closer, metrics);
        if (firstFrame != null) {
            outbox.offer(firstFrame.apply(session));
        }
        SessionRegistry.Room room = registry.add(outbox, maxPerUser, maxTotal - unnamed.get() + (firstFrame != null ? 1 : 0));
        if (room != SessionRegistry.Room.ADDED) {
            return new Full(room);
        }
        opening.put(outbox, System.nanoTime());
        return new Admitted(identity, outbox);
    }

    /**
     * Called once the container has tried to open the socket of an admitted upgrade: if its socket took the
     * outbox, the socket owns the room from now on; otherwise the room is given back.
     */
    void settle(Admitted admitted) {
        if (admitted.outbox().isAttached()) {
            opening.remove(admitted.outbox());
        } else {
            release(admitted.outbox());
        }
    }

    /**
     * Room for a socket that will say who it is only once open: false when the server already holds as many
     * sockets as it allows, counting the other unnamed ones. Given back with {@link #releaseUnnamed()}, or by
     * {@link #admit(Identity, java.util.function.Function)}.
     */
    boolean holdUnnamed() {
        int held;
        do {
            held = unnamed.get();
            if (registry.connectionCount() + held >= maxTotal) {
                return false;
            }
        } while (!unnamed.compareAndSet(held, held + 1));
        return true;
    }

    void releaseUnnamed() {
        unnamed.decrementAndGet();
    }

    /** Gives the room of an upgrade that did not become a socket back. */
    void release(Admitted admitted) {
        release(admitted.outbox());
    }

    private void release(Outbox outbox) {
        opening.remove(outbox);
        outbox.discard();
        registry.remove(outbox);
    }

    /** Takes back the room of admitted upgrades whose socket never opened (run by the liveness sweep). */
    void expireStale(long nanoNow) {
        opening.forEach((outbox, admittedAt) -> {
            if (nanoNow - admittedAt < OPENING_TIMEOUT.toNanos()) {
                return;
            }
            if (outbox.isAttached()) {
                opening.remove(outbox);
                return;
            }
            LOG.log(Level.WARNING, () -> "session " + outbox.session() + " of user " + outbox.user()
                    + " was admitted but its socket never opened; its room is taken back");
            release(outbox);
        });
    }
}
