package org.carechat.adapter.inmemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.carechat.application.port.Timers;

/**
 * Time that only moves when a test says so: the clock of the core and its timers at once, so edit windows,
 * typing expiry, ring timeouts and relationship ends can be tested without waiting. Moving time runs,
 * in the order they fall due, the tasks that have become due; while a task runs the clock reads the
 * moment it fell due. Tasks run in the thread that moves time and outside any lock, so they may read
 * the clock and schedule more tasks; a task that falls due within the same move runs in it too.
 */
public final class ManualTime extends Clock implements Timers {
    private static final Comparator<Task> DUE_ORDER =
            Comparator.comparing((Task task) -> task.due).thenComparingLong(task -> task.order);

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Task> pending = new TreeSet<>(DUE_ORDER);
    private volatile Instant now;
    private long scheduled;

    /** A clock in UTC standing at {@code start}. */
    public ManualTime(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same time, seen in another zone: moving this clock moves the returned one. */
    @Override
    public Clock withZone(ZoneId other) {
        ManualTime source = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return source.withZone(zone);
            }

            @Override
            public Instant instant() {
                return source.instant();
            }
        };
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay is never negative: " + delay);
        }
        lock.lock();
        try {
            Task entry = new Task(now.plus(delay), scheduled++, task);
            pending.add(entry);
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves time forward by {@code step}, running every task that falls due on the way, including those the
     * tasks schedule. A step of zero runs the tasks already due.
     */
    public void advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("time only advances: " + step);
        }
        moveTo(now.plus(step));
    }

    /**
     * Sets the clock to {@code instant}. Forward, it runs the tasks that fall due on the way, as
     * {@link #advance} does; backward (a clock corrected by a time server), it runs nothing and the tasks
     * wait for their due time to come again.
     */
    public void set(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        moveTo(instant);
    }

    /** How many tasks are scheduled and neither run nor cancelled. */
    public int pendingTasks() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    private void moveTo(Instant target) {
        RuntimeException failure = null;
        while (true) {
            Task due;
            lock.lock();
            try {
                due = pending.isEmpty() ? null : pending.first();
                if (due == null || due.due.isAfter(target)) {
                    now = target;
                    break;
                }
                pending.remove(due);
                if (due.due.isAfter(now)) {
                    now = due.due;
                }
            } finally {
                lock.unlock();
            }
            try {
                due.task.run();
            } catch (RuntimeException e) {
                // The remaining due tasks still run; the first failure is reported once time has moved.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private final class Task implements Scheduled {
        private final Instant due;
        private final long order;
        private final Runnable task;

        Task(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                pending.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return "ManualTime[" + now + "]";
    }
}
