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

    Held lockOf(ConversationId id) {
        return locks[Math.floorMod(id.value().hashCode() * 0x9E3779B9, STRIPES)];
    }

    /** One stripe's lock. */
    static final class Held extends ReentrantLock {
    }
}
