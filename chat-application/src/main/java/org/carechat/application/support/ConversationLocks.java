package org.carechat.application.support;

import java.util.concurrent.locks.ReentrantLock;
import org.carechat.domain.conversation.ConversationId;

/**
 * Serialises the changes of one conversation in this process (read, change, commit, publish), so that a
 * change is computed from the state the previous one left and every client receives a conversation's events
 * in the order of its changes. Striped: different conversations rarely share a lock, so they never wait for
 * each other for long.
 */
public final class ConversationLocks {
    private static final int STRIPES = 1024;
    private final Held[] locks = new Held[STRIPES];

    public ConversationLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Held();
        }
    }

    /**
     * Runs {@code work} holding the conversation's lock, for what is told of a conversation outside an operation
     * of it: it is ordered with the conversation's changes and their events.
     */
    public void whileHolding(ConversationId id, Runnable work) {
        Held lock = lockOf(id);
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    Held lockOf(ConversationId id) {
        return locks[Math.floorMod(id.value().hashCode() * 0x9E3779B9, STRIPES)];
    }

    /** One stripe's lock. */
    static final class Held extends ReentrantLock {
    }
}
