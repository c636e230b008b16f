package org.carechat.adapter.websocket;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.application.SessionId;
import org.carechat.application.port.EventBus;
import org.carechat.application.port.Notifier;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireEvents;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;

/**
 * Who is connected on which sockets (a user may have several devices), behind the core's {@link Notifier}
 * port. Publishing an event encodes it once and queues the frame on each recipient socket; it never
 * blocks and never writes to a socket in the publisher's thread for long, so a slow reader delays
 * nobody. Frames published in order are queued, and so sent, in order on every socket. A failure for one
 * socket never keeps the event from the others, and never reaches the publisher.
 */
public final class SessionRegistry implements Notifier {
    private static final Logger LOG = System.getLogger(SessionRegistry.class.getName());

    private final Metrics metrics;
    private final WireJson json = new WireJson(WireLimits.standard());
    private final MessageJson messages = new MessageJson(json);
    private final ConcurrentHashMap<UserId, Set<Outbox>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** This node, in a cluster: what it publishes is marked with it, so it does not deliver its own events twice. */
    private final String node = "n_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private volatile EventBus cluster;
    private volatile ConversationOrder order;

    public SessionRegistry(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Whether a socket found room, and if not, which cap it hit. */
    enum Room { ADDED, USER_FULL, SERVER_FULL }

    /** Open sockets right now, counting those being upgraded (registered before their 101 goes out). */
    public int connectionCount() {
        return connections.get();
    }

    Metrics metrics() {
        return metrics;
    }

    /** Registers a socket without limits. */
    void add(Outbox outbox) {
        add(outbox, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Registers a socket if its user has fewer than {@code maxPerUser} and the server fewer than
     * {@code maxTotal}. Atomic however many register at once: the user's count is checked under the user's
     * entry, and the total is reserved there by compare-and-set, so no cap is ever exceeded, even by one.
     * The room is released by {@link #remove}.
     */
    Room add(Outbox outbox, int maxPerUser, int maxTotal) {
        Room[] room = {Room.ADDED};
        byUser.compute(outbox.user(), (user, sockets) -> {
            if (sockets != null && sockets.contains(outbox)) {
                return sockets;
            }
            if (sockets != null && sockets.size() >= maxPerUser) {
                room[0] = Room.USER_FULL;
                return sockets;
            }
            int open;
            do {
                open = connections.get();
                if (open >= maxTotal) {
                    room[0] = Room.SERVER_FULL;
                    return sockets;
                }
            } while (!connections.compareAndSet(open, open + 1));
            Set<Outbox> next = sockets == null ? ConcurrentHashMap.newKeySet() : sockets;
            next.add(outbox);
            return next;
        });
        return room[0];
    }

    void remove(Outbox outbox) {
        byUser.computeIfPresent(outbox.user(), (user, sockets) -> {
            if (sockets.remove(outbox)) {
                connections.decrementAndGet();
            }
            return sockets.isEmpty() ? null : sockets;
        });
    }

    /** The open sockets of one user. */
    List<Outbox> socketsOf(UserId user) {
        Set<Outbox> sockets = byUser.get(user);
        return sockets == null ? List.of() : List.copyOf(sockets);
    }

    /**
     * Makes this registry one node of a cluster: every event published here also goes to the other nodes over
     * {@code bus} (after the local sockets have it), and what the other nodes publish reaches the sockets here;
     * {@code new_message} in seq order per conversation ({@link ConversationOrder}).
     */
    public void joinCluster(EventBus bus) {
        Objects.requireNonNull(bus, "bus");
        java.util.concurrent.ScheduledThreadPoolExecutor holds = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "carechat-cluster-order-" + node);
            thread.setDaemon(true);
            return thread;
        });
        holds.setRemoveOnCancelPolicy(true);
        holds.prestartCoreThread(); // now, not at the first hold: a node owns its one thread from the start
        this.order = new ConversationOrder(holds);
        bus.subscribe(this::fromCluster);
        this.cluster = bus;
    }

    /**
     * Stops being a node of the cluster (nothing to do if it never was one), at shutdown once the bus is closed: events go to the local sockets only,
     * messages still held for their turn go out now, and the ordering timer's thread ends.
     */
    public void leaveCluster() {
        ConversationOrder held = order;
        cluster = null;
        if (held != null) {
            held.close();
        }
    }

    /** This node's name in the cluster (its messages, its presence). */
    public String node() {
        return node;
    }

    @Override
    public void notify(Collection<UserId> recipients, ChatEvent event, SessionId except) {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(event, "event");
        Set<UserId> unique = new LinkedHashSet<>(recipients);
        EventBus bus = cluster;
        if (bus == null) {
            deliver(unique, event, except);
            return;
        }
        if (unique.isEmpty()) {
            return;
        }
        String frame = encode(event);
        if (frame == null) {
            return;
        }
        String exceptSession = except == null ? null : except.value();
        if (event instanceof ChatEvent.MessageCreated created) {
            String conversation = created.message().message().conversationId().value();
            long seq = created.message().message().seq();
            order.deliver(conversation, seq, () -> deliverFrame(unique, frame, exceptSession, event));
            bus.publish(ClusterMessage.write(node, except, unique, conversation, seq, frame));
        } else {
            deliverFrame(unique, frame, exceptSession, event);
            bus.publish(ClusterMessage.write(node, except, unique, frame));
        }
    }

    /** An event another node published: to the sockets here of its recipients (a new message in its turn). */
    void fromCluster(String text) {
        ClusterMessage message = ClusterMessage.read(text);
        if (message == null) {
            LOG.log(Level.WARNING, "a cluster message that is not CareChat's was ignored");
            return;
        }
        if (message.node().equals(node)) {
            return;
        }
        if (message.conversation() != null) {
            order.deliver(message.conversation(), message.seq(),
                    () -> deliverFrame(message.recipients(), message.frame(), message.except(), null));
        } else {
            deliverFrame(message.recipients(), message.frame(), message.except(), null);
        }
    }

    /** Queues {@code frame} on the sockets here of {@code recipients}, but the session {@code except}. */
    private void deliverFrame(Collection<UserId> recipients, String frame, String except, ChatEvent event) {
        for (UserId recipient : recipients) {
            Set<Outbox> sockets = byUser.get(recipient);
            if (sockets == null) {
                continue;
            }
            for (Outbox socket : sockets) {
                if (!socket.session().value().equals(except)) {
                    offer(socket, frame, event);
                }
            }
        }
    }

    /** Queues the event's frame on the local sockets of {@code recipients}; the frame, if it had to be written. */
    private String deliver(Set<UserId> recipients, ChatEvent event, SessionId except) {
        String frame = null;
        for (UserId recipient : recipients) {
            Set<Outbox> sockets = byUser.get(recipient);
            if (sockets == null) {
                continue;
            }
            for (Outbox socket : sockets) {
                if (socket.session().equals(except)) {
                    continue;
                }
                if (frame == null) {
                    frame = encode(event);
                    if (frame == null) {
                        return null;
                    }
                }
                offer(socket, frame, event);
            }
        }
        return frame;
    }

    /** Queues one frame; whatever goes wrong for this socket is its own, and the others still get theirs. */
    private static void offer(Outbox socket, String frame, ChatEvent event) {
        try {
            socket.offer(frame);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failed) {
            LOG.log(Level.ERROR, () -> "could not queue " + (event == null ? "a cluster event" : event.getClass().getSimpleName())
                    + " for session " + socket.session()
                    + ": " + failed.getClass().getName());
        }
    }

    private String encode(ChatEvent event) {
        try {
            WireEvents.WireEvent wire = WireEvents.of(event, messages::of);
            return Frames.event(json, wire.name(), wire.data());
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            // best effort, as the port promises: the publisher's work is done and must not fail for this.
            // The event's kind and the failure's class only: the event and the message may hold health data
            LOG.log(Level.ERROR, () -> "could not encode " + event.getClass().getSimpleName() + ": " + e.getClass().getName());
            return null;
        }
    }
}
