package org.carechat.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carechat.bench.Args;
import org.carechat.bench.load.Dialect;
import org.carechat.bench.load.LoadResult;
import org.carechat.bench.load.LoadRun;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.ServerProcess;
import org.carechat.bench.server.Tokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CareChat side by side with the Node.js + Socket.IO peer it replaces ({@code bench/peer-node}): the same
 * generator, the same pairs, the same open-loop rate, the same pinning (server on {@code --server-cpus}, default
 * core 0; generator on {@code --generator-cpus}, default core 1), a fresh server per run, rounds alternating which
 * goes first. CareChat runs with the JVM options the README gives ({@value #README_JVM_OPTIONS}) unless
 * {@code --server-jvm-opts} says otherwise. Reports each run, the medians and the ratio of CareChat's server CPU per
 * delivered message to the peer's. {@code --contenders} picks who runs (default {@code node-socket.io,carechat};
 * {@code carechat-socket.io} is the same jar through its Socket.IO door, so {@code --contenders
 * carechat,carechat-socket.io} compares CareChat's two doors; {@code carechat-websocket-chat} is the jar started with
 * the seed 000 dialect and driven exactly as the peer is, with the seed's events).
 */
public final class CompareScenario {
    /** What the README tells operators to run the memory store with. */
    static final String README_JVM_OPTIONS = "-XX:+UseZGC";
    private CompareScenario() {
    }

    /** The peer, started with the pairs in care and spoken to over Socket.IO. */
    static MessagingStep.Contender peer(Path script) {
        return new MessagingStep.Contender() {
            @Override
            public String name() {
                return "node-socket.io";
            }

            @Override
            public Dialect dialect() {
                return Dialect.SOCKET_IO;
            }

            @Override
            public ServerProcess start(Target target, String run, int pairs) {
                return ServerProcess.startPeer(script, pairs, target.results.resolve("logs").resolve(run + "-server.log"),
                        target.secret, target.serverCpus);
            }

            @Override
            public List<Seeding.Pair> seed(Rest rest, Tokens tokens, int pairs) {
                return Seeding.known(tokens, pairs);
            }
        };
    }

    public static void run(Args args) throws InterruptedException {
        // CareChat runs with the JVM options the README gives for the memory store
        Target target = new Target(args, README_JVM_OPTIONS, "0", "1");
        int pairs = args.integer("pairs", 100);
        double rate = args.decimal("rate", 3000);
        Duration warmup = args.duration("warmup", Duration.ofSeconds(20));
        Duration measure = args.duration("measure", Duration.ofSeconds(8));
        Duration drain = args.duration("drain", Duration.ofSeconds(10));
        int rounds = args.integer("rounds", 3);
        int content = args.integer("content", 100);
        long tick = args.integer("tick-us", 1000);
        Path script = Path.of(args.text("peer", "bench/peer-node/server.js"));
        Map<String, MessagingStep.Contender> known = new LinkedHashMap<>();
        for (MessagingStep.Contender contender : List.of(peer(script), MessagingStep.CARECHAT, MessagingStep.CARECHAT_SOCKET_IO,
                MessagingStep.CARECHAT_WEBSOCKET_CHAT)) {
            known.put(contender.name(), contender);
        }
        List<MessagingStep.Contender> contenders = new ArrayList<>();
        for (String name : args.text("contenders", "node-socket.io,carechat").split(",")) {
            MessagingStep.Contender contender = known.get(name.strip());
            if (contender == null) {
                throw new IllegalArgumentException("--contenders takes " + known.keySet() + ", not '" + name + "'");
            }
            contenders.add(contender);
        }
        args.requireAllRead();
        if (contenders.stream().anyMatch(c -> c.name().equals(peer(script).name()))
                && !Files.isDirectory(script.resolveSibling("node_modules"))) {
            throw new IllegalArgumentException("the peer's dependencies are not installed: run bench/run.sh compare"
                    + " (it runs npm ci in " + script.getParent() + ")");
        }
        ObjectNode root = Report.start("compare", target);
        ObjectNode plan = root.putObject("plan");
        plan.put("pairs", pairs);
        plan.put("rate", rate);
        plan.put("warmupSeconds", warmup.toMillis() / 1000.0);
        plan.put("measureSeconds", measure.toMillis() / 1000.0);
        plan.put("rounds", rounds);
        plan.put("serverCpus", target.serverCpus);
        plan.put("generatorCpus", target.generatorCpus);
        plan.put("carechatJvmOptions", String.join(" ", target.jvmOptions));
        ArrayNode runs = root.putArray("runs");
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        String stamp = Report.stamp();
        for (int round = 1; round <= rounds; round++) {
            List<MessagingStep.Contender> order = new ArrayList<>(contenders);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (MessagingStep.Contender contender : order) {
                Report.log("round %d: %s, %d pairs, %.0f msg/s, server on cores %s, generator on %s", round,
                        contender.name(), pairs, rate, target.serverCpus, target.generatorCpus);
                String run = "compare-" + contender.name() + "-" + target.storeTag() + "-" + stamp + "-" + round;
                MessagingStep.Outcome outcome = MessagingStep.runUndisturbed(target, contender, run, pairs,
                        new LoadRun.Plan(rate, warmup, measure, drain, content, tick));
                outcome.json().put("round", round);
                runs.add(outcome.json());
                LoadResult result = outcome.result();
                figures.computeIfAbsent(contender.name(), name -> new ArrayList<>()).add(new double[] {
                        outcome.json().path("cpu").path("serverCpuMicrosPerDeliveredMessage").asDouble(),
                        result.delivery().p50(), result.delivery().p99(), result.delivery().p999(),
                        result.held(50) ? 1 : 0});
            }
        }
        ObjectNode medians = medians(root, figures);
        figures.forEach((name, rows) -> ((ObjectNode) medians.get(name)).put("runsHeld",
                rows.stream().mapToDouble(values -> values[4]).sum()));
        ratio(root, figures, MessagingStep.CARECHAT.name(), peer(script).name(), "carechatToPeerCpuRatio");
        ratio(root, figures, MessagingStep.CARECHAT_SOCKET_IO.name(), MessagingStep.CARECHAT.name(),
                "socketIoToWsCpuRatio");
        ratio(root, figures, MessagingStep.CARECHAT_WEBSOCKET_CHAT.name(), peer(script).name(),
                "websocketChatDialectToPeerCpuRatio");
        ratio(root, figures, MessagingStep.CARECHAT_WEBSOCKET_CHAT.name(), MessagingStep.CARECHAT_SOCKET_IO.name(),
                "websocketChatDialectToSocketIoCpuRatio");
        Report.write(target, "compare", root);
    }

    /**
     * The medians of each contender's runs, each row {@code {cpu us per message, p50, p99, p99.9, ...}}, into
     * {@code root.medians} and the log.
     */
    static ObjectNode medians(ObjectNode root, Map<String, List<double[]>> figures) {
        ObjectNode medians = root.putObject("medians");
        for (Map.Entry<String, List<double[]>> entry : figures.entrySet()) {
            ObjectNode one = medians.putObject(entry.getKey());
            one.put("serverCpuMicrosPerDeliveredMessage", median(entry.getValue(), 0));
            one.put("deliveryP50Ms", median(entry.getValue(), 1));
            one.put("deliveryP99Ms", median(entry.getValue(), 2));
            one.put("deliveryP999Ms", median(entry.getValue(), 3));
            Report.log("%-15s median server CPU %.1f us per delivered message (runs: %s), delivery p50 %.2f / p99 %.2f"
                            + " / p99.9 %.2f ms", entry.getKey(), median(entry.getValue(), 0), column(entry.getValue(), 0),
                    median(entry.getValue(), 1), median(entry.getValue(), 2), median(entry.getValue(), 3));
        }
        return medians;
    }

    /** The ratio of two contenders' median server CPU per delivered message, when both ran. */
    private static void ratio(ObjectNode root, Map<String, List<double[]>> figures, String over, String under, String key) {
        if (figures.containsKey(over) && figures.containsKey(under)) {
            double ratio = median(figures.get(over), 0) / median(figures.get(under), 0);
            root.put(key, MessagingStep.round(ratio));
            Report.log("%s / %s, server CPU per delivered message: %.2f", over, under, ratio);
        }
    }

    static double median(List<double[]> values, int column) {
        double[] sorted = values.stream().mapToDouble(row -> row[column]).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String column(List<double[]> values, int column) {
        return values.stream().map(row -> String.format("%.1f", row[column])).toList().toString();
    }
}
