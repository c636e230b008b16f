package org.carechat.application.support;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.carechat.domain.conversation.ConversationId;

/**
 * Serialises the writes of one conversation (append, then publish) so that every client receives its
 * messages in seq order. Striped: different conversations rarely share a lock, so they never wait for
 * each other for long.
 */
public final class ConversationLocks {
    private static final int STRIPES = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ConversationLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(ConversationId id, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(id.value().hashCode() * 0x9E3779B9, STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
