package org.carechat.adapter.inmemory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.application.port.Timers;

/**
 * Runs delayed work (typing expiry, ring timeouts) on real time, on a few daemon threads that never keep
 * the process alive. A task that fails is logged and does not stop the others. Closing it drops every
 * task not yet run.
 */
public final class ExecutorTimers implements Timers, AutoCloseable {
    private static final Logger LOG = System.getLogger(ExecutorTimers.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    /** One timer thread: enough for short tasks that hand real work elsewhere. */
    public ExecutorTimers() {
        this(1);
    }

    public ExecutorTimers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one timer thread is needed");
        }
        executor = new ScheduledThreadPoolExecutor(threads, daemonThreads("carechat-timer-" + INSTANCES.incrementAndGet()));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay is never negative: " + delay);
        }
        ScheduledFuture<?> future = executor.schedule(() -> runLogged(task), toNanos(delay), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a scheduled task failed", e);
        }
    }

    private static long toNanos(Duration delay) {
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
