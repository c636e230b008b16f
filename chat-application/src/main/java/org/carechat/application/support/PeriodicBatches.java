package org.carechat.application.support;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.carechat.application.port.Timers;

/**
 * Runs a job in bounded batches on the core's timers: one batch every interval, the next one soon after when a
 * batch was full, so a backlog drains without holding the store for long. A batch that throws (the store may be
 * down) is logged by the class of its failure only, and the next one tries again.
 */
public final class PeriodicBatches {
    /** The pause before the next batch when a batch was full. */
    public static final Duration BACKLOG_PAUSE = Duration.ofSeconds(1);
    private static final Logger LOG = System.getLogger(PeriodicBatches.class.getName());

    private final Timers timers;
    private final String what;
    private final IntPredicate batchOf;
    private Duration interval;
    private int batch;
    private Timers.Scheduled next;
    private boolean running;

    /**
     * @param what    what the job does, for the log ("deleting unreferenced attachments")
     * @param batchOf runs one batch of at most its argument items and answers whether more may be waiting (the
     *                batch was full)
     */
    public PeriodicBatches(Timers timers, String what, IntPredicate batchOf) {
        this.timers = timers;
        this.what = what;
        this.batchOf = batchOf;
    }

    /** Runs a batch of {@code batchSize} every {@code every}, from now on until {@link #stop}; starting twice does nothing. */
    public synchronized void start(Duration every, int batchSize) {
        if (every.isNegative() || every.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("the interval and the batch must be positive");
        }
        if (running) {
            return;
        }
        running = true;
        interval = every;
        batch = batchSize;
        next = timers.schedule(interval, this::run);
    }

    public synchronized void stop() {
        running = false;
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    private void run() {
        boolean full = false;
        try {
            full = batchOf.test(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed: " + e.getClass().getSimpleName());
        } finally {
            synchronized (this) {
                if (running) {
                    next = timers.schedule(full ? BACKLOG_PAUSE : interval, this::run);
                }
            }
        }
    }
}
