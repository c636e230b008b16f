package org.carechat.adapter.inmemory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.carechat.application.SessionId;
import org.carechat.application.port.Notifier;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;

/**
 * Tells the listening sessions of users what happened, in the caller's thread and in the order of the
 * calls: what tests and an embedding application subscribe to. An event for someone who is not listening
 * is dropped, never kept for later; a listener that fails does not keep the others from hearing.
 */
public final class InMemoryNotifier implements Notifier {
    private static final Logger LOG = System.getLogger(InMemoryNotifier.class.getName());

    private final ConcurrentHashMap<UserId, List<Listener>> byUser = new ConcurrentHashMap<>();

    /** A listener's registration; closing it stops the deliveries to that listener. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts delivering to {@code listener} every event for {@code user}, unless it comes from {@code session}. */
    public Subscription subscribe(UserId user, SessionId session, Consumer<ChatEvent> listener) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(listener, "listener");
        Listener entry = new Listener(session, listener);
        byUser.compute(user, (key, listeners) -> {
            List<Listener> next = listeners == null ? new CopyOnWriteArrayList<>() : listeners;
            next.add(entry);
            return next;
        });
        return () -> byUser.computeIfPresent(user, (key, listeners) -> {
            listeners.remove(entry);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    /** How many sessions of {@code user} are listening. */
    public int sessionsOf(UserId user) {
        List<Listener> listeners = byUser.get(user);
        return listeners == null ? 0 : listeners.size();
    }

    @Override
    public void notify(Collection<UserId> recipients, ChatEvent event, SessionId except) {
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(event, "event");
        for (UserId recipient : new LinkedHashSet<>(recipients)) {
            List<Listener> listeners = byUser.get(recipient);
            if (listeners == null) {
                continue;
            }
            for (Listener listener : listeners) {
                if (!listener.session().equals(except)) {
                    deliver(listener, event);
                }
            }
        }
    }

    private static void deliver(Listener listener, ChatEvent event) {
        try {
            listener.consumer().accept(event);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error e) {
            // Best effort: one broken session must not silence the others. Only the kind of event and of
            // failure are logged, never what the event carries.
            LOG.log(Level.WARNING, () -> "a listener of session " + listener.session() + " failed on "
                    + event.getClass().getSimpleName() + ": " + e.getClass().getName());
        }
    }

    private record Listener(SessionId session, Consumer<ChatEvent> consumer) {
    }
}
