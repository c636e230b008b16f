package org.carechat.bench.scenario;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.carechat.bench.load.Dialect;
import org.carechat.bench.load.LoadResult;
import org.carechat.bench.load.LoadRun;
import org.carechat.bench.load.WsClients;
import org.carechat.bench.server.MachineCpu;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.ServerProcess;
import org.carechat.bench.server.Tokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * One messaging run against a fresh server: start it, seed the pairs over the admin API, connect both
 * sockets of every pair, run the open-loop plan, read the server's CPU and memory, stop it.
 */
final class MessagingStep {
    private MessagingStep() {
    }

    record Outcome(LoadResult result, ObjectNode json) {
    }

    /** What a step runs against: how it starts, how its pairs are put in, which protocol it speaks. */
    interface Contender {
        String name();

        Dialect dialect();

        ServerProcess start(Target target, String run, int pairs);

        List<Seeding.Pair> seed(Rest rest, Tokens tokens, int pairs);
    }

    /** The CareChat jar the target names, seeded over its admin API, spoken to on {@code /ws}. */
    static final Contender CARECHAT = carechat("carechat", Dialect.CARECHAT);

    /** The same jar, spoken to through its Socket.IO door with CareChat's own events. */
    static final Contender CARECHAT_SOCKET_IO = carechat("carechat-socket.io", Dialect.CARECHAT_SOCKET_IO);

    /**
     * The same jar started with {@code --socketio-dialect websocket-chat}, spoken to exactly as the Node peer is (seed
     * 000's events, the same generator): what a clinic that keeps its front end pays.
     */
    static final Contender CARECHAT_WEBSOCKET_CHAT = carechat("carechat-websocket-chat", Dialect.SOCKET_IO,
            Map.of("socketio-dialect", "websocket-chat"));

    private static Contender carechat(String name, Dialect dialect) {
        return carechat(name, dialect, Map.of());
    }

    private static Contender carechat(String name, Dialect dialect, Map<String, String> flags) {
        return new Contender() {
        @Override
        public String name() {
            return name;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public ServerProcess start(Target target, String run, int pairs) {
            return target.start(run, List.of(), flags);
        }

        @Override
        public List<Seeding.Pair> seed(Rest rest, Tokens tokens, int pairs) {
            return Seeding.pairs(rest, tokens, pairs, true);
        }
        };
    }

    /**
     * Runs the step, and runs it again (up to {@code --retries} times) when other processes took more than
     * {@code --max-other-cores} during its measurement window: on a shared machine a build beside the
     * benchmark spoils it. The outcome says how many attempts it took and whether the last was still disturbed.
     */
    static Outcome runUndisturbed(Target target, String run, int pairs, LoadRun.Plan plan) throws InterruptedException {
        return runUndisturbed(target, CARECHAT, run, pairs, plan);
    }

    static Outcome runUndisturbed(Target target, Contender contender, String run, int pairs, LoadRun.Plan plan)
            throws InterruptedException {
        Outcome outcome = null;
        for (int attempt = 1; attempt <= target.retries + 1; attempt++) {
            outcome = run(target, contender, attempt == 1 ? run : run + "-retry" + (attempt - 1), pairs, plan);
            double others = outcome.json().path("cpu").path("otherProcessesCoresBusy").asDouble();
            outcome.json().put("attempt", attempt);
            boolean disturbed = others > target.maxOtherCores;
            outcome.json().put("disturbedByOtherProcesses", disturbed);
            if (!disturbed) {
                break;
            }
            Report.log("  other processes used %.2f cores during the window (limit %.2f): %s", others,
                    target.maxOtherCores, attempt <= target.retries ? "running the step again" : "keeping it, marked disturbed");
        }
        return outcome;
    }

    static Outcome run(Target target, String run, int pairs, LoadRun.Plan plan) throws InterruptedException {
        return run(target, CARECHAT, run, pairs, plan);
    }

    static Outcome run(Target target, Contender contender, String run, int pairs, LoadRun.Plan plan)
            throws InterruptedException {
        double othersBefore = target.awaitQuiet();
        ServerProcess server = contender.start(target, run, pairs);
        try (Rest rest = new Rest(server.http()); WsClients clients = new WsClients(target.clientThreads)) {
            Tokens tokens = new Tokens(target.secret);
            long seeding = System.nanoTime();
            List<Seeding.Pair> seeded = contender.seed(rest, tokens, pairs);
            LoadRun load = new LoadRun(clients, server.http(), contender.dialect());
            load.connect(seeded, InetAddress.getLoopbackAddress());
            Report.log("  %d pairs seeded and connected in %.1f s (%s transport); running %.0f msg/s",
                    pairs, (System.nanoTime() - seeding) / 1e9, clients.transport(), plan.rate());
            CpuWindow cpu = new CpuWindow(server, rest);
            LoadResult result = load.run(plan, cpu);
            ObjectNode json = Report.JSON.createObjectNode();
            json.put("run", run);
            json.put("server", contender.name());
            json.put("pairs", pairs);
            json.put("connections", pairs * 2);
            json.put("held", result.held(50));
            json.set("result", Report.tree(result));
            ObjectNode cpuJson = json.putObject("cpu");
            cpuJson.put("serverCoresBusy", round(cpu.serverCores()));
            cpuJson.put("generatorCoresBusy", round(cpu.generatorCores()));
            cpuJson.put("serverSystemShare", round(cpu.serverSystemShare()));
            cpuJson.put("serverContextSwitchesPerSecond", Math.round(cpu.serverContextSwitchesPerSecond()));
            cpuJson.put("serverCpuMicrosPerDeliveredMessage", result.deliveredRate() == 0 ? 0
                    : round(cpu.serverCores() * 1e6 / result.deliveredRate()));
            cpuJson.put("otherProcessesCoresBusy", round(cpu.otherCores()));
            cpuJson.put("otherProcessesCoresBusyBeforeStart", round(othersBefore));
            cpuJson.put("generatorGcMillisInWindow", cpu.generatorGcMillis());
            ObjectNode commitsJson = json.putObject("storeCommits");
            commitsJson.put("commits", cpu.storeCommits());
            commitsJson.put("writesPerCommit", round(cpu.writesPerCommit()));
            ObjectNode memory = json.putObject("serverMemory");
            memory.put("rssKiB", server.rssKiB());
            memory.put("threads", server.threads());
            if (server.isJava()) {
                long[] heap = server.heapUsedAndCommittedKiB();
                memory.put("heapUsedKiB", heap[0]);
                memory.put("heapCommittedKiB", heap[1]);
            }
            load.close();
            Report.log("  %s", result.summary());
            if (cpu.storeCommits() > 0) {
                Report.log("  store: %d commits in the window, %.1f writes per commit (group commit)", cpu.storeCommits(),
                        cpu.writesPerCommit());
            }
            Report.log("  CPU busy in the window: server %.2f cores (%.0f%% system, %.0f context switches/s, %.0f us per"
                            + " delivered message), generator %.2f cores, other processes %.2f cores",
                    cpu.serverCores(), cpu.serverSystemShare() * 100, cpu.serverContextSwitchesPerSecond(),
                    result.deliveredRate() == 0 ? 0 : cpu.serverCores() * 1e6 / result.deliveredRate(),
                    cpu.generatorCores(), cpu.otherCores());
            return new Outcome(result, json);
        } finally {
            int exit = server.stop();
            if (exit != 0 && exit != 143) {
                Report.log("  the server exited with %d: %s", exit, server.logTail(5));
            }
            target.cleanUp(run);
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** CPU time of the server and of the generator across the measurement window. */
    static final class CpuWindow implements LoadRun.Window {
        private static final java.util.regex.Pattern COMMITS = java.util.regex.Pattern.compile(
                "(?m)^carechat_store_commits_total (\\d+)$");
        private static final java.util.regex.Pattern OPERATIONS = java.util.regex.Pattern.compile(
                "(?m)^carechat_store_commit_operations_total (\\d+)$");
        private final ServerProcess server;
        private final Rest rest;
        private long[] commitsStart;
        private long[] commitsEnd;
        private long openedAt;
        private long closedAt;
        private long serverStart;
        private long serverEnd;
        private long generatorStart;
        private long generatorEnd;
        private long gcStart;
        private long gcEnd;
        private long machineStart;
        private long machineEnd;
        private long[] serverSplitStart;
        private long[] serverSplitEnd;
        private long switchesStart;
        private long switchesEnd;

        CpuWindow(ServerProcess server, Rest rest) {
            this.server = server;
            this.rest = rest;
        }

        /** Commits and the writes they carried, read from /metrics (zeros for a store without one writer). */
        private long[] commits() {
            String metrics;
            try {
                metrics = rest.callNow("GET", "/metrics", null, null);
            } catch (IllegalStateException overloaded) {
                // a server far past what it holds may not answer in time: the step's figures say so already
                return new long[] {0, 0};
            }
            java.util.regex.Matcher commits = COMMITS.matcher(metrics);
            java.util.regex.Matcher operations = OPERATIONS.matcher(metrics);
            return commits.find() && operations.find()
                    ? new long[] {Long.parseLong(commits.group(1)), Long.parseLong(operations.group(1))}
                    : new long[] {0, 0};
        }

        /** Commits of the embedded store in the window, and the writes they carried on average (group commit). */
        long storeCommits() {
            return commitsEnd[0] == 0 || commitsStart[0] == 0 ? 0 : commitsEnd[0] - commitsStart[0];
        }

        double writesPerCommit() {
            long commits = storeCommits();
            return commits == 0 ? 0 : (commitsEnd[1] - commitsStart[1]) / (double) commits;
        }

        @Override
        public void opened() {
            commitsStart = commits();
            openedAt = System.nanoTime();
            machineStart = MachineCpu.busyNanos();
            switchesStart = MachineCpu.contextSwitches(server.pid());
            serverSplitStart = MachineCpu.processUserSystem(server.pid());
            serverStart = server.cpuNanos();
            generatorStart = Report.generatorCpuNanos();
            gcStart = Report.generatorGcMillis();
        }

        @Override
        public void closed() {
            closedAt = System.nanoTime();
            machineEnd = MachineCpu.busyNanos();
            serverEnd = server.cpuNanos();
            serverSplitEnd = MachineCpu.processUserSystem(server.pid());
            switchesEnd = MachineCpu.contextSwitches(server.pid());
            generatorEnd = Report.generatorCpuNanos();
            gcEnd = Report.generatorGcMillis();
            commitsEnd = commits();
        }

        double serverCores() {
            return (serverEnd - serverStart) / (double) (closedAt - openedAt);
        }

        double generatorCores() {
            return (generatorEnd - generatorStart) / (double) (closedAt - openedAt);
        }

        /** CPU the rest of the machine used meanwhile: another build or test run spoils the figures. */
        double otherCores() {
            long others = (machineEnd - machineStart) - (serverEnd - serverStart) - (generatorEnd - generatorStart);
            return Math.max(0, others) / (double) (closedAt - openedAt);
        }

        /** Share of the server's CPU time spent in the kernel (socket reads and writes, wake-ups). */
        double serverSystemShare() {
            long user = serverSplitEnd[0] - serverSplitStart[0];
            long system = serverSplitEnd[1] - serverSplitStart[1];
            return user + system == 0 ? 0 : system / (double) (user + system);
        }

        double serverContextSwitchesPerSecond() {
            return (switchesEnd - switchesStart) / ((closedAt - openedAt) / 1e9);
        }

        long generatorGcMillis() {
            return gcEnd - gcStart;
        }
    }
}
