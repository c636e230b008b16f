package org.carechat.bench.scenario;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.carechat.bench.load.WsClients;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.ServerProcess;
import org.carechat.bench.server.Tokens;
import org.h2.mvstore.MVStore;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CareChat as a cluster (issue 15): the same pairs and open-loop rate against one node, and against two nodes where
 * every delivery crosses nodes (patients on node A, their doctors on node B), over a real redis-server and a shared
 * MongoDB-wire-compatible store (mongo-java-server, in memory, in this process: its CPU counts as the generator's).
 * Every node is a fresh jar started with {@code --store mongo --redis-uri}; the one-node run has Redis too, so the
 * two differ only by the crossing. Nodes share the server cores ({@code --server-cpus}, default 0), the generator,
 * the store and Redis the others (default 1): on two cores this measures the cost of the hop, not a second node's
 * capacity.
 */
public final class ClusterScenario {
    private ClusterScenario() {
    }

    public static void run(Args args) throws Exception {
        // mongo-java-server logs every connection at INFO
        java.util.logging.Logger.getLogger("de.bwaldvogel").setLevel(java.util.logging.Level.WARNING);
        Target target = new Target(args, CompareScenario.README_JVM_OPTIONS, "0", "1");
        int pairs = args.integer("pairs", 20);
        double rate = args.decimal("rate", 100);
        Duration warmup = args.duration("warmup", Duration.ofSeconds(20));
        Duration measure = args.duration("measure", Duration.ofSeconds(10));
        Duration drain = args.duration("drain", Duration.ofSeconds(10));
        int rounds = args.integer("rounds", 3);
        String redisServer = args.text("redis-server", "redis-server");
        args.requireAllRead();
        ObjectNode root = Report.start("cluster", target);
        ObjectNode plan = root.putObject("plan");
        plan.put("pairs", pairs);
        plan.put("rate", rate);
        plan.put("warmupSeconds", warmup.toMillis() / 1000.0);
        plan.put("measureSeconds", measure.toMillis() / 1000.0);
        plan.put("rounds", rounds);
        plan.put("serverCpus", target.serverCpus);
        plan.put("generatorCpus", target.generatorCpus);
        ArrayNode runs = root.putArray("runs");
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        String stamp = Report.stamp();
        try (Redis redis = Redis.start(redisServer, target.generatorCpus)) {
            for (int round = 1; round <= rounds; round++) {
                List<Integer> order = round % 2 == 0 ? List.of(2, 1) : List.of(1, 2);
                for (int nodes : order) {
                    String name = nodes == 1 ? "one-node" : "two-nodes-crossing";
                    Report.log("round %d: %s, %d pairs, %.0f msg/s, nodes on cores %s", round, name, pairs, rate,
                            target.serverCpus);
                    ObjectNode json = once(target, redis, nodes, "cluster-" + name + "-" + stamp + "-" + round, pairs,
                            new LoadRun.Plan(rate, warmup, measure, drain, 100, 1000));
                    json.put("round", round);
                    runs.add(json);
                    figures.computeIfAbsent(name, key -> new ArrayList<>()).add(new double[] {
                            json.path("cpu").path("serverCpuMicrosPerDeliveredMessage").asDouble(),
                            json.path("result").path("delivery").path("p50").asDouble(),
                            json.path("result").path("delivery").path("p99").asDouble(),
                            json.path("result").path("delivery").path("p999").asDouble()});
                }
            }
        }
        CompareScenario.medians(root, figures);
        if (figures.containsKey("one-node") && figures.containsKey("two-nodes-crossing")) {
            double hop = CompareScenario.median(figures.get("two-nodes-crossing"), 1)
                    - CompareScenario.median(figures.get("one-node"), 1);
            root.put("redisHopP50Ms", MessagingStep.round(hop));
            Report.log("what crossing nodes adds to the median delivery: %.2f ms", hop);
        }
        Report.write(target, "cluster", root);
    }

    /** One run: a fresh store, fresh nodes, the pairs seeded through node A. */
    private static ObjectNode once(Target target, Redis redis, int nodes, String run, int pairs, LoadRun.Plan plan)
            throws Exception {
        target.awaitQuiet();
        MongoServer mongo = new MongoServer(new H2Backend(MVStore.open(null)));
        String mongoUri = mongo.bindAndGetConnectionString();
        String channel = "bench:" + run;
        List<ServerProcess> servers = new ArrayList<>();
        try {
            for (int n = 0; n < nodes; n++) {
                Map<String, String> flags = new LinkedHashMap<>();
                flags.put("store", "mongo");
                flags.put("mongo-uri", mongoUri);
                flags.put("mongo-database", "bench");
                flags.put("mongo-write-concern", "w1");
                flags.put("redis-uri", redis.uri());
                flags.put("redis-channel", channel);
                flags.put("max-sockets-per-user", "100");
                servers.add(target.start(run + "-node" + (char) ('a' + n), List.of(), flags));
            }
            ServerProcess a = servers.get(0);
            ServerProcess b = servers.get(servers.size() - 1);
            try (Rest restA = new Rest(a.http()); Rest restB = new Rest(b.http());
                 WsClients clients = new WsClients(target.clientThreads)) {
                List<Seeding.Pair> seeded = Seeding.pairs(restA, new Tokens(target.secret), pairs, true);
                LoadRun load = new LoadRun(clients, a.http(), b.http(), Dialect.CARECHAT);
                load.connect(seeded, InetAddress.getLoopbackAddress());
                Report.log("  %d pairs seeded and connected (%s)", pairs, nodes == 1 ? "all on node A"
                        : "patients on node A, doctors on node B");
                MessagingStep.CpuWindow windowA = new MessagingStep.CpuWindow(a, restA);
                MessagingStep.CpuWindow windowB = nodes == 1 ? null : new MessagingStep.CpuWindow(b, restB);
                LoadResult result = load.run(plan, new LoadRun.Window() {
                    @Override
                    public void opened() {
                        windowA.opened();
                        if (windowB != null) {
                            windowB.opened();
                        }
                    }

                    @Override
                    public void closed() {
                        windowA.closed();
                        if (windowB != null) {
                            windowB.closed();
                        }
                    }
                });
                load.close();
                double serverCores = windowA.serverCores() + (windowB == null ? 0 : windowB.serverCores());
                ObjectNode json = Report.JSON.createObjectNode();
                json.put("run", run);
                json.put("nodes", nodes);
                json.put("pairs", pairs);
                json.set("result", Report.tree(result));
                ObjectNode cpu = json.putObject("cpu");
                cpu.put("serverCoresBusy", MessagingStep.round(serverCores));
                cpu.put("generatorCoresBusy", MessagingStep.round(windowA.generatorCores()));
                cpu.put("serverCpuMicrosPerDeliveredMessage", result.deliveredRate() == 0 ? 0
                        : MessagingStep.round(serverCores * 1e6 / result.deliveredRate()));
                Report.log("  %s", result.summary());
                Report.log("  CPU busy in the window: nodes %.2f cores (%.0f us per delivered message), generator, store"
                                + " and Redis's process %.2f cores", serverCores,
                        result.deliveredRate() == 0 ? 0 : serverCores * 1e6 / result.deliveredRate(),
                        windowA.generatorCores());
                return json;
            }
        } finally {
            for (ServerProcess server : servers) {
                server.stop();
            }
            for (int n = 0; n < nodes; n++) {
                target.cleanUp(run + "-node" + (char) ('a' + n));
            }
            mongo.shutdownNow();
        }
    }

    /** A real redis-server on a free loopback port, pinned with the generator, nothing saved. */
    private static final class Redis implements AutoCloseable {
        private final Process process;
        private final int port;

        private Redis(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Redis start(String executable, String cpus) throws IOException, InterruptedException {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path dir = Files.createTempDirectory("bench-redis");
            List<String> command = new ArrayList<>();
            if (cpus != null && !cpus.isBlank()) {
                command.addAll(List.of("taskset", "-c", cpus));
            }
            command.addAll(List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                    return new Redis(process, port);
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not start (is Debian's redis-server installed?)");
        }

        String uri() {
            return "redis://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
