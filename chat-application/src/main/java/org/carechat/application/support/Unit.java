package org.carechat.application.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.carechat.application.SessionId;
import org.carechat.application.port.Change;
import org.carechat.application.port.Notifier;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * One audited operation while it runs ({@link Audit#run}): the ids it touches ({@code conversation:c_1}), the
 * conversations it locked, what it changes and the events the change causes. Nothing is stored or told while
 * the operation runs: when it succeeds, its changes and its audit entry are committed as one, then its events
 * are published in the order it told them, still under its locks, so every device sees a conversation's
 * events in the order of its changes.
 */
public final class Unit {
    private final ConversationLocks locks;
    private final List<String> targets = new ArrayList<>();
    private final List<ConversationLocks.Held> held = new ArrayList<>();
    private final Map<MessageId, Change.Write<Message>> messages = new LinkedHashMap<>();
    private final Map<ConversationId, Change.Write<Conversation>> conversations = new LinkedHashMap<>();
    private final List<User> users = new ArrayList<>();
    private final List<CareRelationship> careRelationships = new ArrayList<>();
    private final List<Told> told = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> undo = new ArrayList<>();

    Unit(ConversationLocks locks) {
        this.locks = locks;
    }

    /** A target of the audit entry; null ids are left out, repeats are kept once. */
    public Unit add(String kind, Object id) {
        if (id != null) {
            String target = kind + ":" + id;
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        return this;
    }

    /**
     * Takes the conversation's lock until the operation has committed and published: read what it changes
     * after this. Taking it again is free.
     */
    public Unit lock(ConversationId id) {
        ConversationLocks.Held lock = locks.lockOf(id);
        if (!held.contains(lock)) {
            lock.lock();
            held.add(lock);
        }
        return this;
    }

    /** Stores {@code after} in place of {@code before} (null for a new message). */
    public Unit store(Message before, Message after) {
        merge(messages, after.id(), before, after);
        return this;
    }

    /** Stores {@code after} in place of {@code before}, the conversation as read under its lock. */
    public Unit store(Conversation before, Conversation after) {
        requireLocked(after.id());
        merge(conversations, after.id(), before, after);
        return this;
    }

    /** The conversation as this operation will have left it: its staged state, else {@code read}. */
    public Conversation current(Conversation read) {
        Change.Write<Conversation> staged = conversations.get(read.id());
        return staged == null ? read : staged.after();
    }

    public Unit save(User user) {
        users.add(user);
        return this;
    }

    public Unit save(CareRelationship relationship) {
        careRelationships.add(relationship);
        return this;
    }

    /** Publishes {@code event} once the change is stored; never when the operation fails. */
    public Unit tell(Collection<UserId> recipients, ChatEvent event, SessionId except) {
        told.add(new Told(List.copyOf(recipients), event, except));
        return this;
    }

    /** Runs {@code action} once the change is stored, after its events are published. */
    public Unit afterCommit(Runnable action) {
        afterCommit.add(action);
        return this;
    }

    /**
     * Runs {@code action} when this run of the operation stores nothing (refused, failed, or computed again
     * after a collision): it undoes what the operation did outside the unit before it was committed.
     */
    public Unit ifNotCommitted(Runnable action) {
        undo.add(action);
        return this;
    }

    List<String> targets() {
        return List.copyOf(targets);
    }

    Change change(Function<List<String>, AuditEntry> entry) {
        return new Change(List.copyOf(messages.values()), List.copyOf(conversations.values()), users,
                careRelationships, entry.apply(targets()));
    }

    void publish(Notifier notifier) {
        for (Told event : told) {
            notifier.notify(event.recipients(), event.event(), event.except());
        }
        for (Runnable action : afterCommit) {
            action.run();
        }
    }

    /** Runs the undo actions, the latest first; one that fails is added to {@code failure}, or thrown when there is none. */
    void undo(Throwable failure) {
        for (int i = undo.size() - 1; i >= 0; i--) {
            try {
                undo.get(i).run();
            } catch (RuntimeException alsoFailed) {
                if (failure == null) {
                    throw alsoFailed;
                }
                failure.addSuppressed(alsoFailed);
            }
        }
        undo.clear();
    }

    /** Lets go of every lock, the latest first. */
    void release() {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
        held.clear();
    }

    private void requireLocked(ConversationId id) {
        if (!held.contains(locks.lockOf(id))) {
            throw new IllegalStateException("change conversation " + id + " under its lock");
        }
    }

    private static <K, T> void merge(Map<K, Change.Write<T>> writes, K id, T before, T after) {
        Change.Write<T> earlier = writes.get(id);
        writes.put(id, new Change.Write<>(earlier == null ? before : earlier.before(), after));
    }

    private record Told(List<UserId> recipients, ChatEvent event, SessionId except) {
    }
}
