package org.carechat.wire;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's counters, shared by its doors, rendered in the Prometheus text format: open connections,
 * messages sent, events delivered to sockets, errors by code, and store latency. Cheap to update from
 * hot paths (striped adders, no locks).
 */
public final class Metrics {
    /** Upper bounds of the store latency buckets, in seconds. */
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder droppedConnections = new LongAdder();
    private final Map<ErrorCode, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Latency> storeLatency = new ConcurrentHashMap<>();
    private volatile LongSupplier connections = () -> 0;
    private volatile Supplier<StoreCommits> commits = () -> null;

    /**
     * How the store's commits carried its writes (group commit), for a store that has one writer: commits,
     * operations they carried, the largest batch, and how many commits carried up to each bucket's bound.
     */
    public record StoreCommits(long commits, long operations, long largestBatch, java.util.SortedMap<Integer, Long> batchesUpTo) {
    }

    /** What the push webhook did: notices delivered, given up, dropped (too many waiting), waiting now. */
    public record PushFigures(long delivered, long failed, long dropped, long pending) {
    }

    private volatile Supplier<PushFigures> push = () -> null;

    /** Where the push webhook's figures are read from (CHAT_PUSH_WEBHOOK_URL); none by default. */
    public void pushFrom(Supplier<PushFigures> source) {
        this.push = source;
    }

    /** Where the store's commit figures are read from (the embedded store); none by default. */
    public void storeCommitsFrom(Supplier<StoreCommits> source) {
        this.commits = source;
    }

    /** Where the number of open WebSocket connections is read from. */
    public void connectionsFrom(LongSupplier source) {
        this.connections = source;
    }

    public void messageSent() {
        messagesSent.increment();
    }

    /** An event was handed to a socket. */
    public void delivered() {
        deliveries.increment();
    }

    /** A slow socket was closed because its outbound queue overflowed. */
    public void slowConsumerClosed() {
        droppedConnections.increment();
    }

    public void error(ErrorCode code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** One store operation took {@code nanos}. */
    public void storeCall(String operation, long nanos) {
        storeLatency.computeIfAbsent(operation, o -> new Latency()).record(nanos);
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long deliveries() {
        return deliveries.sum();
    }

    public long errors(ErrorCode code) {
        LongAdder adder = errors.get(code);
        return adder == null ? 0 : adder.sum();
    }

    /** The Prometheus text exposition (version 0.0.4). */
    public String render() {
        StringBuilder out = new StringBuilder(2048);
        gauge(out, "carechat_connections", "Open WebSocket connections.", connections.getAsLong());
        counter(out, "carechat_messages_sent_total", "Messages accepted and stored.", messagesSent.sum());
        counter(out, "carechat_deliveries_total", "Events handed to sockets.", deliveries.sum());
        counter(out, "carechat_slow_consumers_closed_total", "Sockets closed because they fell too far behind.",
                droppedConnections.sum());
        out.append("# HELP carechat_errors_total Errors answered to clients, by code.\n");
        out.append("# TYPE carechat_errors_total counter\n");
        for (ErrorCode code : ErrorCode.values()) {
            out.append("carechat_errors_total{code=\"").append(code.name()).append("\"} ").append(errors(code)).append('\n');
        }
        out.append("# HELP carechat_store_latency_seconds Time spent in store operations.\n");
        out.append("# TYPE carechat_store_latency_seconds histogram\n");
        storeLatency.forEach((operation, latency) -> latency.render(out, operation));
        PushFigures notices = push.get();
        if (notices != null) {
            counter(out, "carechat_push_delivered_total", "Push notices the relay took (2xx).", notices.delivered());
            counter(out, "carechat_push_failed_total", "Push notices given up: a final answer, every attempt failed, or the server stopped.",
                    notices.failed());
            counter(out, "carechat_push_dropped_total", "Push notices dropped because too many were waiting.", notices.dropped());
            gauge(out, "carechat_push_pending", "Push notices queued or waiting for a retry.", notices.pending());
        }
        StoreCommits store = commits.get();
        if (store != null) {
            counter(out, "carechat_store_commits_total", "Transactions the store's writer committed (each forced to disk with CHAT_EMBEDDED_DURABILITY=synced).",
                    store.commits());
            counter(out, "carechat_store_commit_operations_total", "Writes those commits carried.", store.operations());
            gauge(out, "carechat_store_commit_largest_batch", "The most writes one commit carried.", store.largestBatch());
            out.append("# HELP carechat_store_commit_batch_size Writes per commit.\n");
            out.append("# TYPE carechat_store_commit_batch_size histogram\n");
            long cumulative = 0;
            for (var bucket : store.batchesUpTo().entrySet()) {
                cumulative += bucket.getValue();
                out.append("carechat_store_commit_batch_size_bucket{le=\"").append(bucket.getKey()).append("\"} ")
                        .append(cumulative).append('\n');
            }
            out.append("carechat_store_commit_batch_size_bucket{le=\"+Inf\"} ").append(store.commits()).append('\n');
            out.append("carechat_store_commit_batch_size_sum ").append(store.operations()).append('\n');
            out.append("carechat_store_commit_batch_size_count ").append(store.commits()).append('\n');
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static final class Latency {
        private final LongAdder[] buckets = new LongAdder[LATENCY_BUCKETS.length];
        private final LongAdder count = new LongAdder();
        private final LongAdder sumNanos = new LongAdder();

        Latency() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(long nanos) {
            double seconds = nanos / 1e9;
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                if (seconds <= LATENCY_BUCKETS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sumNanos.add(nanos);
        }

        void render(StringBuilder out, String operation) {
            long cumulative = 0;
            for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
                cumulative += buckets[i].sum();
                out.append("carechat_store_latency_seconds_bucket{operation=\"").append(operation)
                        .append("\",le=\"").append(String.format(Locale.ROOT, "%s", LATENCY_BUCKETS[i])).append("\"} ")
                        .append(cumulative).append('\n');
            }
            long total = count.sum();
            out.append("carechat_store_latency_seconds_bucket{operation=\"").append(operation).append("\",le=\"+Inf\"} ")
                    .append(total).append('\n');
            out.append("carechat_store_latency_seconds_sum{operation=\"").append(operation).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.9f", sumNanos.sum() / 1e9)).append('\n');
            out.append("carechat_store_latency_seconds_count{operation=\"").append(operation).append("\"} ")
                    .append(total).append('\n');
        }
    }
}
