package org.carechat.application.support;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.IntPredicate;
import org.carechat.application.port.Timers;

/**
 * A housekeeping job in bounded batches on the core's timers: one batch every interval, the next one after
 * {@link #BACKLOG_PAUSE} when a batch was full, so a backlog drains without holding the store for long. A batch
 * that fails (the store may be down) is logged by its class name only and tried again at the next interval.
 */
public final class RepeatingBatch {
    /** The pause before the next batch when a batch was full. */
    public static final Duration BACKLOG_PAUSE = Duration.ofSeconds(1);
    private static final Logger LOG = System.getLogger(RepeatingBatch.class.getName());

    private final Timers timers;
    private final String what;
    private final IntPredicate batchWasFull;
    private Duration interval;
    private int batch;
    private Timers.Scheduled next;
    private boolean running;

    /**
     * @param what         what a batch does, for the log ("deleting unreferenced attachments")
     * @param batchWasFull runs one batch of the given size, answering whether it was full
     */
    public RepeatingBatch(Timers timers, String what, IntPredicate batchWasFull) {
        this.timers = timers;
        this.what = what;
        this.batchWasFull = batchWasFull;
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
            full = batchWasFull.test(batch);
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
