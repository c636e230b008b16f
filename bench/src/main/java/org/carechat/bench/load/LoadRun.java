package org.carechat.bench.load;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.carechat.bench.server.Seeding;

/**
 * The open-loop messaging load: every patient of every pair sends {@code send_message} into its
 * conversation on a fixed schedule of intended send times; the patient's socket receives the
 * {@code message_sent} acknowledgement and the doctor's socket the {@code new_message}. Each message is
 * matched by its frame id (the acknowledgement's {@code re}) and its {@code clientMessageId} (the
 * delivery), so every message sent is accounted for: acknowledged or refused, delivered or lost.
 *
 * <p>Both sockets of a pair live on one event loop, so a pair's bookkeeping is single-threaded.
 */
public final class LoadRun implements AutoCloseable {
    private static final byte[] MESSAGE_SENT = FrameScan.ascii("message_sent");
    private static final byte[] NEW_MESSAGE = FrameScan.ascii("new_message");
    private static final byte[] ERROR = FrameScan.ascii("error");

    private final WsClients clients;
    private final URI ws;
    /** Where the doctors connect: the same server as the patients, or another node of a cluster. */
    private final URI doctorsWs;
    private final Dialect dialect;
    private final List<PairState> pairs = new ArrayList<>();
    private final Map<EventLoop, LoopStats> stats = new java.util.LinkedHashMap<>();

    /** How a run goes: the target rate, its phases, the message text's length, the pacing tick. */
    public record Plan(double rate, Duration warmup, Duration measure, Duration drain, int contentLength, long tickMicros) {
    }

    /** Called when the measurement window opens and closes (to read the processes' CPU time). */
    public interface Window {
        void opened();

        void closed();
    }

    /** Speaks {@code dialect} to the server at {@code http}. */
    public LoadRun(WsClients clients, URI http, Dialect dialect) {
        this(clients, http, http, dialect);
    }

    /** Patients on the server at {@code http}, their doctors on the one at {@code doctorsHttp} (another node). */
    public LoadRun(WsClients clients, URI http, URI doctorsHttp, Dialect dialect) {
        this.clients = clients;
        this.ws = dialect.uri(http);
        this.doctorsWs = dialect.uri(doctorsHttp);
        this.dialect = dialect;
    }

    /** Opens the two sockets of every pair, a pair's two on the same event loop. */
    public void connect(List<Seeding.Pair> seeded, InetAddress local) {
        List<EventLoop> loops = clients.loops();
        for (EventLoop loop : loops) {
            stats.put(loop, new LoopStats());
        }
        List<CompletableFuture<?>> opening = new ArrayList<>();
        for (Seeding.Pair pair : seeded) {
            EventLoop loop = loops.get(pair.index() % loops.size());
            PairState state = new PairState(pair.index(), pair.conversationId(), pair.doctorId(), dialect,
                    stats.get(loop));
            pairs.add(state);
            opening.add(open(ws, pair.patientToken(), local, loop, state.patientSide())
                    .thenAccept(connection -> state.patient = connection));
            opening.add(open(doctorsWs, pair.doctorToken(), local, loop, state.doctorSide())
                    .thenAccept(connection -> state.doctor = connection));
            if (opening.size() >= 512) {
                CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
                opening.clear();
            }
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
    }

    /** Opens one socket and completes once the dialect's handshake let it send. */
    private CompletableFuture<WsConnection> open(URI uri, String token, InetAddress local, EventLoop loop, FrameListener side) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        return clients.connect(uri, dialect.headerToken(token), local, loop, dialect.handshake(side, token, ready))
                .thenCompose(connection -> ready.thenApply(done -> connection));
    }

    /** Runs the plan once: warm-up, measurement, then waiting up to {@code drain} for what is still due. */
    public LoadResult run(Plan plan, Window window) throws InterruptedException {
        String content = content(plan.contentLength());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        for (PairState pair : pairs) {
            pair.prepare(Schedule.of(pair.index, pairs.size(), plan.rate(), start, plan.warmup(), plan.measure()), content);
        }
        List<ScheduledFuture<?>> pacers = new ArrayList<>();
        for (Map.Entry<EventLoop, LoopStats> entry : stats.entrySet()) {
            EventLoop loop = entry.getKey();
            List<PairState> mine = pairs.stream().filter(pair -> pair.stats == entry.getValue()).toList();
            pacers.add(loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (PairState pair : mine) {
                    pair.sendDue(now);
                }
            }, 0, plan.tickMicros(), TimeUnit.MICROSECONDS));
        }
        long windowStart = start + plan.warmup().toNanos();
        long windowEnd = windowStart + plan.measure().toNanos();
        sleepUntil(windowStart);
        window.opened();
        sleepUntil(windowEnd);
        window.closed();
        // every send is due by now; let the pacers send the last ones, then stop them
        sleepUntil(windowEnd + TimeUnit.MILLISECONDS.toNanos(50));
        long drainDeadline = System.nanoTime() + plan.drain().toNanos();
        while (System.nanoTime() < drainDeadline && !allAccountedFor()) {
            Thread.sleep(50);
        }
        pacers.forEach(pacer -> pacer.cancel(false));
        return collect(plan, windowStart, windowEnd);
    }

    private boolean allAccountedFor() {
        for (Map.Entry<EventLoop, LoopStats> entry : stats.entrySet()) {
            boolean done = onLoop(entry.getKey(), () -> pairs.stream()
                    .filter(pair -> pair.stats == entry.getValue())
                    .allMatch(PairState::settled));
            if (!done) {
                return false;
            }
        }
        return true;
    }

    private LoadResult collect(Plan plan, long windowStart, long windowEnd) {
        LoadResult.Builder result = new LoadResult.Builder(plan, windowStart, windowEnd);
        for (Map.Entry<EventLoop, LoopStats> entry : stats.entrySet()) {
            LoopStats loopStats = entry.getValue();
            onLoop(entry.getKey(), () -> {
                result.add(loopStats);
                for (PairState pair : pairs) {
                    if (pair.stats == loopStats) {
                        result.add(pair.account());
                    }
                }
                return null;
            });
        }
        return result.build();
    }

    private static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> task) {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("an event loop did not answer", e);
        }
    }

    /** Closes every socket (normal closure) and waits briefly for the closes. */
    @Override
    public void close() {
        for (PairState pair : pairs) {
            if (pair.patient != null) {
                pair.patient.close();
            }
            if (pair.doctor != null) {
                pair.doctor.close();
            }
        }
    }

    static String content(int length) {
        String words = "Hello doctor, my blood pressure this morning was fine and I took the tablets as agreed. ";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(words, 0, Math.min(words.length(), length - text.length()));
        }
        return text.toString().strip().isEmpty() ? "hello" : text.toString();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** What one event loop recorded; touched only by its own thread. */
    static final class LoopStats {
        final Histogram ack = Latency.newHistogram();
        final Histogram delivery = Latency.newHistogram();
        final Histogram sendLag = Latency.newHistogram();
        final Map<String, Long> errors = new TreeMap<>();
        final Map<String, Long> otherEvents = new TreeMap<>();
        final Map<Integer, Long> closes = new TreeMap<>();
        long unmatched;

        void error(String code) {
            errors.merge(code == null ? "?" : code, 1L, Long::sum);
        }

        void other(String event) {
            otherEvents.merge(event == null ? "?" : event, 1L, Long::sum);
        }
    }

    /** One pair's schedule and its ledger of what was sent, acknowledged, refused and delivered. */
    static final class PairState {
        final int index;
        final String conversationId;
        final String receiverId;
        final Dialect dialect;
        final LoopStats stats;
        volatile WsConnection patient;
        volatile WsConnection doctor;
        private Schedule schedule;
        private String content;
        private long[] intended;
        private BitSet acked;
        private BitSet delivered;
        private BitSet failed;
        private int next;
        private long lastSeq;
        private long outOfOrder;
        private long duplicates;
        private long lastMeasuredDelivery;
        private final StringBuilder frame = new StringBuilder(256);
        private final StringBuilder clientMessageId = new StringBuilder(40);

        PairState(int index, String conversationId, String receiverId, Dialect dialect, LoopStats stats) {
            this.index = index;
            this.conversationId = conversationId;
            this.receiverId = receiverId;
            this.dialect = dialect;
            this.stats = stats;
        }

        void prepare(Schedule plan, String text) {
            this.schedule = plan;
            this.content = text;
            this.intended = new long[plan.total()];
            this.acked = new BitSet(plan.total());
            this.delivered = new BitSet(plan.total());
            this.failed = new BitSet(plan.total());
            this.next = 0;
        }

        /** Sends every message whose intended time has come (several at once if the pacer was late). */
        void sendDue(long now) {
            if (schedule == null || patient == null) {
                return;
            }
            boolean wrote = false;
            while (next < schedule.total()) {
                long due = schedule.intended(next);
                if (due > now) {
                    break;
                }
                intended[next] = due;
                if (next >= schedule.firstMeasured()) {
                    Latency.record(stats.sendLag, now - due);
                }
                patient.write(frame(next));
                next++;
                wrote = true;
            }
            if (wrote) {
                patient.flush();
            }
        }

        private CharSequence frame(int k) {
            frame.setLength(0);
            clientMessageId.setLength(0);
            // random like the UUIDs real clients use, with the index after the last dash for the ledger
            appendHex(clientMessageId, ThreadLocalRandom.current().nextLong()).append('-').append(k);
            dialect.sendFrame(frame, k, conversationId, receiverId, content, clientMessageId);
            return frame;
        }

        private static StringBuilder appendHex(StringBuilder out, long value) {
            for (int shift = 60; shift >= 0; shift -= 4) {
                out.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
            }
            return out;
        }

        boolean settled() {
            if (schedule == null) {
                return true;
            }
            if (next < schedule.total()) {
                return false;
            }
            BitSet done = (BitSet) acked.clone();
            done.and(delivered);
            done.or(failed);
            return done.cardinality() == next;
        }

        FrameListener patientSide() {
            return new FrameListener() {
                @Override
                public void onFrame(WsConnection connection, byte[] bytes, int length) {
                    long now = System.nanoTime();
                    int event = dialect.eventStart(bytes, length);
                    if (FrameScan.valueEquals(bytes, length, event, MESSAGE_SENT)) {
                        int k = sentIndex(bytes, length);
                        if (k < 0) {
                            stats.unmatched++;
                        } else if (acked.get(k)) {
                            duplicates++;
                        } else {
                            acked.set(k);
                            if (k >= schedule.firstMeasured()) {
                                Latency.record(stats.ack, now - intended[k]);
                            }
                        }
                    } else if (FrameScan.valueEquals(bytes, length, event, ERROR)) {
                        stats.error(FrameScan.stringAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.CODE)));
                        int k = sentIndex(bytes, length);
                        if (k >= 0) {
                            failed.set(k);
                        }
                    } else {
                        stats.other(FrameScan.stringAt(bytes, length, event));
                    }
                }

                @Override
                public void onClose(WsConnection connection) {
                    stats.closes.merge(connection.closeCode(), 1L, Long::sum);
                }
            };
        }

        FrameListener doctorSide() {
            return new FrameListener() {
                @Override
                public void onFrame(WsConnection connection, byte[] bytes, int length) {
                    long now = System.nanoTime();
                    int event = dialect.eventStart(bytes, length);
                    if (!FrameScan.valueEquals(bytes, length, event, NEW_MESSAGE)) {
                        stats.other(FrameScan.stringAt(bytes, length, event));
                        return;
                    }
                    long k = FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.CLIENT_MESSAGE_ID), true);
                    if (schedule == null || k < 0 || k >= next) {
                        stats.unmatched++;
                        return;
                    }
                    int i = (int) k;
                    if (delivered.get(i)) {
                        duplicates++;
                        return;
                    }
                    delivered.set(i);
                    long seq = FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.SEQ), false);
                    if (seq <= lastSeq) {
                        outOfOrder++;
                    }
                    lastSeq = seq;
                    if (i >= schedule.firstMeasured()) {
                        Latency.record(stats.delivery, now - intended[i]);
                        lastMeasuredDelivery = Math.max(lastMeasuredDelivery, now);
                    }
                }

                @Override
                public void onClose(WsConnection connection) {
                    stats.closes.merge(connection.closeCode(), 1L, Long::sum);
                }
            };
        }

        private int sentIndex(byte[] bytes, int length) {
            long k = dialect.ackKey(bytes, length);
            return schedule == null || k < 0 || k >= next ? -1 : (int) k;
        }

        /** This pair's ledger, for the whole run and for the measurement window. */
        Ledger account() {
            int first = schedule == null ? 0 : Math.min(schedule.firstMeasured(), next);
            return new Ledger(next, count(acked, 0, next), count(delivered, 0, next), count(failed, 0, next),
                    lost(0, next), next - first, count(acked, first, next), count(delivered, first, next),
                    count(failed, first, next), lost(first, next), duplicates, outOfOrder, lastMeasuredDelivery);
        }

        private long lost(int from, int to) {
            long lost = 0;
            for (int k = from; k < to; k++) {
                if (!failed.get(k) && !(acked.get(k) && delivered.get(k))) {
                    lost++;
                }
            }
            return lost;
        }

        private static long count(BitSet bits, int from, int to) {
            return from >= to ? 0 : bits.get(from, to).cardinality();
        }
    }

    /**
     * One pair's accounting: sent, acknowledged, delivered, refused (an {@code error} reply) and lost (neither
     * refused nor both acknowledged and delivered), for the whole run and for the measurement window.
     */
    record Ledger(long sent, long acked, long delivered, long failed, long lost,
                  long measuredSent, long measuredAcked, long measuredDelivered, long measuredFailed, long measuredLost,
                  long duplicates, long outOfOrder, long lastMeasuredDelivery) {
    }
}
