package org.carechat.bench.scenario;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.bench.Args;
import org.carechat.bench.load.FrameListener;
import org.carechat.bench.load.WsClients;
import org.carechat.bench.load.WsConnection;
import org.carechat.bench.server.Rest;
import org.carechat.bench.server.Seeding;
import org.carechat.bench.server.ServerProcess;
import org.carechat.bench.server.Tokens;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Idle connections: K authenticated sockets (one user each, every patient in care with a doctor, so
 * presence is recorded and announced to contacts), opened in steps from several 127.0.0.x source
 * addresses; at each step, after a full GC, the server's RSS, heap in use and committed native memory.
 * The cost of a connection is the growth over the baseline with no connection, divided by K.
 */
public final class ConnectionsScenario {
    private static final Pattern CONNECTIONS = Pattern.compile("(?m)^carechat_connections (\\d+)");
    private static final Pattern MAX_OPEN_FILES = Pattern.compile("Max open files\\s+(\\d+)\\s+(\\d+)");

    private ConnectionsScenario() {
    }

    public static void run(Args args) throws Exception {
        Target target = new Target(args);
        long hardLimit = openFilesHardLimit();
        int requested = args.integer("connections", 50_000);
        int steps = args.integer("steps", 4);
        int sources = args.integer("sources", 4);
        int inFlight = args.integer("in-flight", 256);
        Duration settle = args.duration("settle", Duration.ofSeconds(3));
        Duration hold = args.duration("hold", Duration.ofSeconds(40));
        args.requireAllRead();

        // the server and the generator each hold one descriptor per socket, plus their own (jars, epoll, pipes)
        long fit = hardLimit - 1000;
        int connections = (int) Math.min(requested, fit) / 2 * 2;
        ObjectNode root = Report.start("connections", target);
        root.put("requestedConnections", requested);
        root.put("connections", connections);
        root.put("openFilesHardLimit", hardLimit);
        if (connections < requested) {
            String why = "RLIMIT_NOFILE hard limit is " + hardLimit + " for every process here and cannot be raised (no"
                    + " CAP_SYS_RESOURCE), so neither the server nor the generator can hold " + requested
                    + " sockets; measured " + connections + " instead and reporting the cost per connection";
            root.put("limitedBy", why);
            Report.log("%s", why);
        }
        List<InetAddress> locals = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            locals.add(InetAddress.getByName("127.0.0." + (2 + i)));
        }
        root.put("sourceAddresses", locals.toString());
        String run = "connections-" + target.storeTag() + "-" + Report.stamp();
        root.put("otherProcessesCoresBusyBeforeStart", MessagingStep.round(target.awaitQuiet()));
        // the product caps sockets at CHAT_MAX_SOCKETS (50,000 by default): lifted only when more are measured
        Map<String, String> flags = connections > 50_000 ? Map.of("max-sockets", Integer.toString(connections)) : Map.of();
        ServerProcess server = target.start(run, List.of("-XX:NativeMemoryTracking=summary"), flags);
        ArrayNode points = root.putArray("points");
        List<WsConnection> open = new ArrayList<>();
        AtomicLong closed = new AtomicLong();
        Map<Integer, Long> closeCodes = new ConcurrentHashMap<>();
        AtomicLong frames = new AtomicLong();
        FrameListener listener = new FrameListener() {
            @Override
            public void onFrame(WsConnection connection, byte[] bytes, int length) {
                frames.incrementAndGet();
            }

            @Override
            public void onClose(WsConnection connection) {
                closed.incrementAndGet();
                closeCodes.merge(connection.closeCode(), 1L, Long::sum);
            }
        };
        try (Rest rest = new Rest(server.http()); WsClients clients = new WsClients(target.clientThreads)) {
            Tokens tokens = new Tokens(target.secret);
            long seeding = System.nanoTime();
            List<Seeding.Pair> pairs = Seeding.pairs(rest, tokens, connections / 2, false);
            Report.log("seeded %d users and %d care relationships in %.1f s", connections, connections / 2,
                    (System.nanoTime() - seeding) / 1e9);
            root.put("serverPid", server.pid());
            points.add(measure(server, rest, 0, settle));
            List<EventLoop> loops = clients.loops();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            int done = 0;
            for (int step = 1; step <= steps; step++) {
                int goal = (int) ((long) connections * step / steps) / 2 * 2;
                long opening = System.nanoTime();
                Semaphore permits = new Semaphore(inFlight);
                List<WsConnection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int n = done; n < goal; n++) {
                    Seeding.Pair pair = pairs.get(n / 2);
                    String token = n % 2 == 0 ? pair.patientToken() : pair.doctorToken();
                    permits.acquireUninterruptibly();
                    clients.connect(server.ws(), token, locals.get(n % locals.size()), loops.get(n % loops.size()), listener)
                            .whenComplete((connection, failed) -> {
                                if (failed != null) {
                                    failures.add(failed);
                                } else {
                                    opened.add(connection);
                                }
                                permits.release();
                            });
                    if (!failures.isEmpty()) {
                        break;
                    }
                }
                permits.acquireUninterruptibly(inFlight);
                open.addAll(opened);
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("could not open connection " + (done + opened.size() + 1) + ": "
                            + failures.peek(), failures.peek());
                }
                double seconds = (System.nanoTime() - opening) / 1e9;
                int added = goal - done;
                Report.log("step %d: %d connections open (%d new in %.1f s, %.0f/s)", step, open.size(), added,
                        seconds, added / seconds);
                done = goal;
                awaitServerCount(rest, done, Duration.ofSeconds(60));
                ObjectNode point = measure(server, rest, done, settle);
                point.put("openedPerSecond", Math.round(added / seconds));
                points.add(point);
            }
            Report.log("holding %d connections for %s (the server pings sockets idle for 30 s)", done, hold);
            Thread.sleep(hold.toMillis());
            long stillOpen = open.stream().filter(WsConnection::isOpen).count();
            long serverCount = serverConnections(rest);
            ObjectNode held = root.putObject("afterHold");
            held.put("seconds", hold.toSeconds());
            held.put("clientOpen", stillOpen);
            held.put("serverCount", serverCount);
            held.put("closed", closed.get());
            held.set("closeCodes", Report.tree(closeCodes));
            held.put("framesReceived", frames.get());
            Report.log("after holding: %d open at the client, %d at the server, %d closed", stillOpen, serverCount,
                    closed.get());
            Files.writeString(target.results.resolve("logs").resolve(run + "-nmt.txt"), server.nmtSummary());
            summarise(root, points);
            open.forEach(WsConnection::close);
        } finally {
            server.stop();
            target.cleanUp(run);
        }
        Report.write(target, "connections", root);
    }

    /** Per connection: the growth from the baseline to the last point, divided by the connections added. */
    private static void summarise(ObjectNode root, ArrayNode points) {
        ObjectNode first = (ObjectNode) points.get(0);
        ObjectNode last = (ObjectNode) points.get(points.size() - 1);
        long n = last.get("connections").asLong();
        ObjectNode per = root.putObject("bytesPerConnection");
        for (String field : List.of("heapUsedKiB", "rssKiB", "nmtCommittedKiB", "kernelTcpKiB")) {
            long grown = last.get(field).asLong() - first.get(field).asLong();
            per.put(field.replace("KiB", ""), n == 0 ? 0 : Math.round(grown * 1024.0 / n));
        }
        per.put("note", "heapUsed: live heap after a full GC; rss: resident set of the server process; nmtCommitted:"
                + " the JVM's committed memory (heap committed + native); kernelTcp: kernel socket buffers of BOTH ends"
                + " (server and generator sockets on loopback), not part of the server's RSS");
        Report.log("per connection: heap %d B, RSS %d B, JVM committed %d B, kernel TCP (both ends) %d B",
                per.get("heapUsed").asLong(), per.get("rss").asLong(), per.get("nmtCommitted").asLong(),
                per.get("kernelTcp").asLong());
    }

    private static ObjectNode measure(ServerProcess server, Rest rest, int connections, Duration settle)
            throws InterruptedException {
        Thread.sleep(settle.toMillis());
        server.gc();
        long[] heap = server.heapUsedAndCommittedKiB();
        ObjectNode point = Report.JSON.createObjectNode();
        point.put("connections", connections);
        point.put("serverCount", serverConnections(rest));
        point.put("heapUsedKiB", heap[0]);
        point.put("heapCommittedKiB", heap[1]);
        point.put("rssKiB", server.rssKiB());
        point.put("nmtCommittedKiB", server.nmtCommittedKiB());
        point.put("kernelTcpKiB", kernelTcpKiB());
        point.put("threads", server.threads());
        Report.log("  %d connections: heap used %d KiB (committed %d), RSS %d KiB, JVM committed %d KiB, threads %d",
                connections, heap[0], heap[1], point.get("rssKiB").asLong(), point.get("nmtCommittedKiB").asLong(),
                point.get("threads").asLong());
        return point;
    }

    private static void awaitServerCount(Rest rest, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (serverConnections(rest) >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        Report.log("  the server counts %d connections, expected %d", serverConnections(rest), expected);
    }

    private static long serverConnections(Rest rest) {
        Matcher matcher = CONNECTIONS.matcher(rest.callNow("GET", "/metrics", null, null));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** Kernel memory of TCP sockets (pages of 4 KiB in /proc/net/sockstat), all processes. */
    static long kernelTcpKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/sockstat"))) {
                if (line.startsWith("TCP:")) {
                    String[] parts = line.split("\\s+");
                    for (int i = 0; i < parts.length - 1; i++) {
                        if (parts[i].equals("mem")) {
                            return Long.parseLong(parts[i + 1]) * 4;
                        }
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    static long openFilesHardLimit() throws IOException {
        Matcher matcher = MAX_OPEN_FILES.matcher(Files.readString(Path.of("/proc/self/limits")));
        return matcher.find() ? Long.parseLong(matcher.group(2)) : 1024;
    }
}
