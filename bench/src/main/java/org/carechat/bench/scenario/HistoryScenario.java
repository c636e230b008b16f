package org.carechat.bench.scenario;

import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.carechat.bench.Args;
import org.carechat.bench.load.FrameListener;
import org.carechat.bench.load.FrameScan;
import org.carechat.bench.load.Latency;
import org.carechat.bench.load.WsClients;
import org.carechat.bench.load.WsConnection;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.ServerProcess;
import org.carechat.bench.server.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation with a million messages, then the time to read pages of it over REST: the newest page
 * and pages deep in the past. The messages are seeded through the real server, over one WebSocket of the
 * patient, pipelined (frames without an id get no reply; every 500th carries one, and at most 16 of those
 * are outstanding, so the server is never more than 8,000 frames behind). The reads are open loop at a
 * fixed rate, timed from their intended start.
 */
public final class HistoryScenario {
    private static final byte[] MESSAGE_SENT = FrameScan.ascii("message_sent");
    private static final byte[] ERROR = FrameScan.ascii("error");

    private HistoryScenario() {
    }

    public static void run(Args args) throws Exception {
        Target target = new Target(args);
        int messages = args.integer("messages", 1_000_000);
        int checkpoint = args.integer("checkpoint", 500);
        int window = args.integer("window", 16);
        double fetchRate = args.decimal("fetch-rate", 200);
        Duration fetchTime = args.duration("fetch-time", Duration.ofSeconds(20));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(60));
        int limit = args.integer("limit", 50);
        int deepMax = args.integer("deep-max", 10_000);
        args.requireAllRead();

        ObjectNode root = Report.start("history", target);
        ObjectNode plan = root.putObject("plan");
        plan.put("messages", messages);
        plan.put("pageLimit", limit);
        plan.put("fetchRatePerSecond", fetchRate);
        plan.put("fetchSeconds", fetchTime.toSeconds());
        plan.put("deepPages", "before=SEQ with SEQ uniform in [" + (limit + 1) + ", " + deepMax + "]");
        plan.put("seeding", "one patient WebSocket, send_message pipelined: every " + checkpoint + "th frame has an id"
                + " and at most " + window + " of those are unanswered");
        String run = "history-" + target.storeTag() + "-" + Report.stamp();
        root.put("otherProcessesCoresBusyBeforeStart", MessagingStep.round(target.awaitQuiet()));
        ServerProcess server = target.start(run, List.of(), Map.of());
        try (Rest rest = new Rest(server.http()); WsClients clients = new WsClients(1)) {
            Tokens tokens = new Tokens(target.secret);
            Seeding.Pair pair = Seeding.pairs(rest, tokens, 1, true).get(0);
            Seeder seeder = new Seeder(pair.conversationId(), messages, checkpoint, window);
            WsConnection socket = clients.connect(server.ws(), pair.patientToken(), InetAddress.getLoopbackAddress(),
                    clients.loops().get(0), seeder).get(30, TimeUnit.SECONDS);
            long seedStart = System.nanoTime();
            socket.loop().execute(() -> seeder.pump(socket));
            long lastLog = System.nanoTime();
            while (!seeder.done.isDone()) {
                Thread.sleep(200);
                if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                    lastLog = System.nanoTime();
                    Report.log("  seeded %d of %d", seeder.acknowledged.get(), messages);
                }
                if (!socket.isOpen()) {
                    throw new IllegalStateException("the seeding socket closed (code " + socket.closeCode() + ")");
                }
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            socket.close();
            JsonNode newest = Report.JSON.readTree(rest.callNow("GET",
                    "/api/chat/conversations/" + pair.conversationId() + "/messages?limit=1", pair.patientToken(), null));
            long lastSeq = newest.path("items").path(0).path("seq").asLong(-1);
            ObjectNode seeding = root.putObject("seeding");
            seeding.put("messages", messages);
            seeding.put("seconds", MessagingStep.round(seedSeconds));
            seeding.put("messagesPerSecond", Math.round(messages / seedSeconds));
            seeding.put("refused", seeder.errors.values().stream().mapToLong(Long::longValue).sum());
            seeding.set("errors", Report.tree(seeder.errors));
            seeding.put("newestSeq", lastSeq);
            Report.log("seeded %d messages in %.1f s (%.0f/s); newest seq %d; refused %s", messages, seedSeconds,
                    messages / seedSeconds, lastSeq, seeder.errors);
            if (lastSeq != messages) {
                throw new IllegalStateException("the conversation holds " + lastSeq + " messages, not " + messages);
            }
            server.gc();
            long[] heap = server.heapUsedAndCommittedKiB();
            ObjectNode memory = root.putObject("serverMemoryAfterSeeding");
            memory.put("heapUsedAfterGcKiB", heap[0]);
            memory.put("heapCommittedKiB", heap[1]);
            memory.put("rssKiB", server.rssKiB());
            Report.log("after seeding, full GC: heap used %d KiB, RSS %d KiB", heap[0], server.rssKiB());

            String base = "/api/chat/conversations/" + pair.conversationId() + "/messages?limit=" + limit;
            LongFunction<String> newestPage = i -> base;
            LongFunction<String> deepPage = i -> base + "&before=" + ThreadLocalRandom.current().nextLong(limit + 1, deepMax + 1);
            Report.log("warming up for %s", warmup);
            fetch(server, rest, pair.patientToken(), i -> i % 2 == 0 ? newestPage.apply(i) : deepPage.apply(i), fetchRate, warmup);
            ObjectNode newestJson = fetch(server, rest, pair.patientToken(), newestPage, fetchRate, fetchTime);
            root.set("newestPage", newestJson);
            Report.log("newest page: %s", newestJson.get("latency"));
            ObjectNode deepJson = fetch(server, rest, pair.patientToken(), deepPage, fetchRate, fetchTime);
            root.set("deepPage", deepJson);
            Report.log("deep page:   %s", deepJson.get("latency"));
        } finally {
            server.stop();
            target.cleanUp(run);
        }
        Report.write(target, "history", root);
    }

    /** Open loop: request {@code i} is due at {@code start + i / rate}; its latency counts from then. */
    private static ObjectNode fetch(ServerProcess server, Rest rest, String token, LongFunction<String> path, double rate, Duration time)
            throws InterruptedException {
        Recorder recorder = new Recorder(Latency.HIGHEST_MICROS, 3);
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Map<Integer, Long> statuses = new TreeMap<>();
        long count = Math.round(rate * time.toNanos() / 1e9);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        double interval = 1e9 / rate;
        MessagingStep.CpuWindow cpu = new MessagingStep.CpuWindow(server, rest);
        cpu.opened();
        CompletableFuture<?>[] all = new CompletableFuture<?>[(int) count];
        for (long i = 0; i < count; i++) {
            long due = start + (long) (i * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = rest.request("GET", path.apply(i), token, null);
            all[(int) i] = rest.sendAsync(request).whenComplete((response, error) -> {
                long now = System.nanoTime();
                long micros = Math.min(Latency.HIGHEST_MICROS, Math.max(0, (now - due + 500) / 1000));
                recorder.recordValue(micros);
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                if (response != null) {
                    bytes.addAndGet(response.body().length());
                    synchronized (statuses) {
                        statuses.merge(response.statusCode(), 1L, Long::sum);
                    }
                }
            });
        }
        CompletableFuture.allOf(all).exceptionally(error -> null).join();
        cpu.closed();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        ObjectNode json = Report.JSON.createObjectNode();
        json.put("requests", count);
        json.put("ratePerSecond", rate);
        json.put("achievedPerSecond", Math.round(count / elapsed));
        json.put("failed", failed.get());
        json.set("statuses", Report.tree(statuses));
        json.put("meanResponseBytes", count == 0 ? 0 : bytes.get() / count);
        json.set("latency", Report.tree(Latency.of(histogram)));
        ObjectNode cpuJson = json.putObject("cpu");
        cpuJson.put("serverCoresBusy", MessagingStep.round(cpu.serverCores()));
        cpuJson.put("generatorCoresBusy", MessagingStep.round(cpu.generatorCores()));
        cpuJson.put("otherProcessesCoresBusy", MessagingStep.round(cpu.otherCores()));
        json.set("percentiles", Report.tree(Latency.percentiles(histogram)));
        return json;
    }

    /** Pipelines {@code send_message} frames on the connection's event loop, a window of checkpoints ahead. */
    static final class Seeder implements FrameListener {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong acknowledged = new AtomicLong();
        final Map<String, Long> errors = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final String conversation;
        private final int total;
        private final int checkpoint;
        private final int window;
        private final StringBuilder frame = new StringBuilder(160);
        private int sent;
        private int outstanding;

        Seeder(String conversation, int total, int checkpoint, int window) {
            this.conversation = conversation;
            this.total = total;
            this.checkpoint = checkpoint;
            this.window = window;
        }

        void pump(WsConnection socket) {
            boolean wrote = false;
            while (sent < total && outstanding < window) {
                int batchEnd = Math.min(total, sent + checkpoint);
                while (sent < batchEnd) {
                    sent++;
                    frame.setLength(0);
                    frame.append("{\"event\":\"send_message\",");
                    if (sent == batchEnd) {
                        frame.append("\"id\":\"").append(sent).append("\",");
                    }
                    frame.append("\"data\":{\"conversationId\":\"").append(conversation)
                            .append("\",\"content\":\"History message number ").append(sent)
                            .append(", kept for the record of this care episode.\"}}");
                    socket.write(frame);
                }
                outstanding++;
                wrote = true;
            }
            if (wrote) {
                socket.flush();
            }
        }

        @Override
        public void onFrame(WsConnection connection, byte[] bytes, int length) {
            int event = FrameScan.valueStart(bytes, length, FrameScan.EVENT);
            if (FrameScan.valueEquals(bytes, length, event, MESSAGE_SENT)) {
                long upTo = FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.RE), false);
                if (upTo < 0) {
                    // the reply to a frame without id (no re): its batch is answered by the checkpoint's reply
                    return;
                }
                acknowledged.set(upTo);
                outstanding--;
                if (upTo >= total) {
                    done.complete(null);
                } else {
                    pump(connection);
                }
            } else if (FrameScan.valueEquals(bytes, length, event, ERROR)) {
                errors.merge(String.valueOf(FrameScan.stringAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.CODE))),
                        1L, Long::sum);
                long re = FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.RE), false);
                if (re > 0) {
                    // a refused checkpoint still answers for its batch
                    acknowledged.set(re);
                    outstanding--;
                    if (re >= total) {
                        done.complete(null);
                    } else {
                        pump(connection);
                    }
                }
            }
        }

        @Override
        public void onClose(WsConnection connection) {
            done.completeExceptionally(new IllegalStateException("the seeding socket closed (" + connection.closeCode() + ")"));
        }
    }
}
