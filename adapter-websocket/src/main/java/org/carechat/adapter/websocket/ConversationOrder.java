package org.carechat.adapter.websocket;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * In a cluster, {@code new_message} in seq order per conversation on this node: a message of this node's own
 * commits is delivered at once, one of another node's a moment later (the Redis hop), so two people sending at
 * the same time from two nodes would reach a device out of order. Each conversation's next expected seq is kept;
 * a message ahead of it waits (up to {@link #HOLD}) for the ones before it, and goes out with them, in order.
 * A message that does not come within the hold (published while this node was cut off, say) is given up: what
 * waited goes out, and the client closes the gap with {@code sync}, as after any gap. The first message of a
 * conversation this node sees sets where it starts.
 */
final class ConversationOrder {
    /** How long a message waits for the ones before it. */
    static final Duration HOLD = Duration.ofMillis(250);
    /** Conversations whose next seq is kept; the least recent with nothing waiting is forgotten first. */
    static final int REMEMBERED = 100_000;

    private final ScheduledExecutorService timer;
    private final Map<String, Line> lines = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Line> eldest) {
            return size() > REMEMBERED && eldest.getValue().idle();
        }
    };

    ConversationOrder(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Stops the hold timer (its thread) and lets every waiting message go out now, in order; from then on each
     * message goes out as it arrives. At shutdown, when the node leaves the cluster.
     */
    void close() {
        timer.shutdownNow();
        List<Line> all;
        synchronized (lines) {
            all = List.copyOf(lines.values());
            lines.clear();
        }
        all.forEach(Line::release);
    }

    /** Runs {@code delivery} of message {@code seq} of {@code conversation} in its turn (now, or once the gap closes). */
    void deliver(String conversation, long seq, Runnable delivery) {
        Line line;
        synchronized (lines) {
            line = lines.computeIfAbsent(conversation, key -> new Line());
        }
        line.accept(seq, delivery);
    }

    /** One conversation's order on this node. */
    private final class Line {
        /** The seq expected next; 0 before the first. */
        private long next;
        private final TreeMap<Long, Runnable> waiting = new TreeMap<>();
        private ScheduledFuture<?> giveUp;

        synchronized void accept(long seq, Runnable delivery) {
            if (timer.isShutdown()) {
                delivery.run(); // closed: nothing is held any more
            } else if (next == 0 || seq == next) {
                delivery.run();
                next = seq + 1;
                drain();
            } else if (seq < next) {
                delivery.run(); // late, or again: the client knows it by its seq
            } else {
                waiting.put(seq, delivery);
                if (giveUp == null) {
                    try {
                        giveUp = timer.schedule(this::release, HOLD.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException closing) {
                        release(); // closed meanwhile: nothing waits any more
                    }
                }
            }
        }

        private void drain() {
            while (!waiting.isEmpty() && waiting.firstKey() <= next) {
                Map.Entry<Long, Runnable> first = waiting.pollFirstEntry();
                first.getValue().run();
                next = Math.max(next, first.getKey() + 1);
            }
            if (waiting.isEmpty() && giveUp != null) {
                giveUp.cancel(false);
                giveUp = null;
            }
        }

        /** The hold ran out: what waits goes out in order, and the gap stays for the client to close. */
        private synchronized void release() {
            giveUp = null;
            while (!waiting.isEmpty()) {
                Map.Entry<Long, Runnable> first = waiting.pollFirstEntry();
                first.getValue().run();
                next = first.getKey() + 1;
            }
        }

        synchronized boolean idle() {
            return waiting.isEmpty();
        }
    }
}
