package org.carechat.adapter.mongo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks, one chosen per key, so that callers in this process that would only collide in the
 * database (two appends to one conversation, two updates of one message) take turns here instead of racing
 * there. This only spares wasted round trips: correctness never depends on it, because other processes use
 * the same database, and the database's unique indexes and version checks settle every race. So a caller
 * waits for its turn at most {@code maxWait} (the store's timeout) and then goes ahead anyway: during an
 * outage, callers queued behind each other's timeouts would otherwise wait without bound.
 */
final class Stripes {
    private static final int COUNT = 256;

    private final ReentrantLock[] locks = new ReentrantLock[COUNT];
    private final long maxWaitNanos;

    Stripes(Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
        for (int i = 0; i < COUNT; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    <T> T withTurn(String key, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(key.hashCode() * 0x9E3779B9, COUNT)];
        boolean mine = false;
        try {
            mine = lock.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return action.get();
        } finally {
            if (mine) {
                lock.unlock();
            }
        }
    }
}
