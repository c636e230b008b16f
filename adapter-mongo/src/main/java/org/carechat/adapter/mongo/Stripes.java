package org.carechat.adapter.mongo;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks, one chosen per key, so that callers in this process that would only collide in the
 * database (two appends to one conversation, two updates of one message) take turns here instead of racing
 * there. This only spares wasted round trips: correctness never depends on it, because other processes use
 * the same database, and the database's unique indexes and version checks settle every race.
 */
final class Stripes {
    private static final int COUNT = 256;

    private final ReentrantLock[] locks = new ReentrantLock[COUNT];

    Stripes() {
        for (int i = 0; i < COUNT; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T withLock(String key, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode() * 0x9E3779B9, COUNT)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
