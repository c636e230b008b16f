package org.carechat.bench.load;

import java.time.Duration;

/**
 * When one sender intends to send each of its messages: an open-loop plan fixed before the run, never
 * adjusted to how fast the server answers. All senders together send at {@code rate} per second, evenly
 * spread: sender {@code i} of {@code n} sends every {@code n / rate} seconds, shifted by {@code i / rate}.
 * Latency is measured from these intended times, so a stall of the server (or of the generator) counts
 * for every message that should have gone out during it (no coordinated omission).
 *
 * @param startNanos     {@link System#nanoTime()} of the run's start
 * @param intervalNanos  between two messages of this sender
 * @param offsetNanos    of this sender's first message after the start
 * @param total          messages this sender sends (warm-up and measurement)
 * @param firstMeasured  index of its first message inside the measurement window
 */
public record Schedule(long startNanos, double intervalNanos, double offsetNanos, int total, int firstMeasured) {

    public static Schedule of(int sender, int senders, double rate, long startNanos, Duration warmup, Duration measure) {
        if (senders < 1 || sender < 0 || sender >= senders || rate <= 0) {
            throw new IllegalArgumentException("bad schedule: sender " + sender + " of " + senders + " at " + rate + "/s");
        }
        double interval = senders * 1e9 / rate;
        double offset = sender * 1e9 / rate;
        double warm = warmup.toNanos();
        double end = warm + measure.toNanos();
        int total = offset >= end ? 0 : (int) Math.ceil((end - offset) / interval);
        int first = offset >= warm ? 0 : (int) Math.ceil((warm - offset) / interval);
        return new Schedule(startNanos, interval, offset, total, Math.min(first, total));
    }

    /** The intended send time of message {@code k}, in {@link System#nanoTime()} terms. */
    public long intended(int k) {
        return startNanos + (long) (offsetNanos + k * intervalNanos);
    }

    public int measured() {
        return total - firstMeasured;
    }
}
