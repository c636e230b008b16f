package org.carechat.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server under test, started from its shipped jar as a separate process with the settings a
 * scenario needs, watched through /proc and jcmd, and stopped with SIGTERM as an operator would.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern HEAP = Pattern.compile("(?m)^\\s*garbage-first heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern ANY_HEAP = Pattern.compile("(?m)^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    private final Process process;
    private final int port;
    private final Path log;
    private final List<String> command;
    /** A JVM (CareChat), which jcmd can ask about its heap; false for the Node peer. */
    private final boolean java;

    private ServerProcess(Process process, int port, Path log, List<String> command, boolean java) {
        this.java = java;
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = command;
    }

    /**
     * Where and how to run the server: {@code flags} are the server's own command-line flags
     * ({@code --store}, {@code --rate-per-second}, ...), {@code jvmOptions} go before {@code -jar};
     * {@code environment} adds variables to the server's environment: settings a jar of an earlier version
     * would refuse as unknown flags, but simply ignores as variables (so one bench drives old and new jars).
     */
    public record Launch(Path jar, List<String> jvmOptions, Map<String, String> flags, Map<String, String> environment,
                         Path log, String jwtSecret, String cpus) {
    }

    /** The server did not come up: the reason is the tail of its log. */
    public static final class StartFailed extends RuntimeException {
        StartFailed(String message) {
            super(message);
        }
    }

    public static ServerProcess start(Launch launch) {
        int port = freePort();
        List<String> command = new ArrayList<>(Pinning.prefix(launch.cpus()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        command.add("--port");
        command.add(Integer.toString(port));
        launch.flags().forEach((flag, value) -> {
            command.add("--" + flag);
            command.add(value);
        });
        return start(command, port, launch.environment(), launch.log(), launch.jwtSecret(), true);
    }

    /**
     * Starts the Node.js + Socket.IO peer ({@code bench/peer-node/server.js}) with {@code pairs} pairs in care, on
     * {@code cpus} (null: any), verifying tokens signed with {@code jwtSecret}.
     */
    public static ServerProcess startPeer(Path script, int pairs, Path log, String jwtSecret, String cpus) {
        int port = freePort();
        List<String> command = new ArrayList<>(Pinning.prefix(cpus));
        command.addAll(List.of("node", script.toString(), "--port", Integer.toString(port), "--pairs",
                Integer.toString(pairs)));
        return start(command, port, Map.of(), log, jwtSecret, false);
    }

    private static ServerProcess start(List<String> command, int port, Map<String, String> environment, Path log,
                                       String jwtSecret, boolean java) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the secret goes by environment, not on the command line where ps would show it
        builder.environment().putAll(environment);
        builder.environment().put("CHAT_JWT_SECRET", jwtSecret);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, port, log, command, java);
            server.awaitHealthy(Duration.ofMinutes(2));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the server", e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(http().resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartFailed("the server exited with " + process.exitValue() + ": " + logTail(20));
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartFailed("interrupted while waiting for the server");
            }
            sleep(100);
        }
        stop();
        throw new StartFailed("the server did not answer /health within " + timeout + ": " + logTail(20));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Whether the server is a JVM (CareChat) rather than the Node peer. */
    public boolean isJava() {
        return java;
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the server's log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Resident set size now, from /proc/PID/status. */
    public long rssKiB() {
        return statusField("VmRSS");
    }

    public long threads() {
        return statusField("Threads");
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** CPU time (user + system) the server has used so far, in nanoseconds, from /proc/PID/stat. */
    public long cpuNanos() {
        return MachineCpu.processCpu(pid());
    }

    /** Runs a full GC in the server (twice, so that finalizable and soft garbage is gone too). */
    public void gc() {
        Jcmd.run(pid(), "GC.run");
        Jcmd.run(pid(), "GC.run");
    }

    /** Heap in use and committed, in KiB, as {@code jcmd GC.heap_info} reports it. */
    public long[] heapUsedAndCommittedKiB() {
        String info = Jcmd.run(pid(), "GC.heap_info");
        Matcher g1 = HEAP.matcher(info);
        if (g1.find()) {
            return new long[] {Long.parseLong(g1.group(2)), Long.parseLong(g1.group(1))};
        }
        long used = 0;
        long total = 0;
        Matcher any = ANY_HEAP.matcher(info);
        while (any.find()) {
            String space = any.group(1);
            if (!space.contains("Metaspace") && !space.contains("class space")) {
                total += Long.parseLong(any.group(2));
                used += Long.parseLong(any.group(3));
            }
        }
        return new long[] {used, total};
    }

    /** Native memory committed in total, when the server runs with -XX:NativeMemoryTracking; else -1. */
    public long nmtCommittedKiB() {
        String summary = nmtSummary();
        Matcher total = NMT_TOTAL.matcher(summary);
        return total.find() ? Long.parseLong(total.group(2)) : -1;
    }

    public String nmtSummary() {
        return Jcmd.run(pid(), "VM.native_memory", "summary");
    }

    /** SIGTERM, as an operator stops it; killed if it has not stopped within a minute. */
    public int stop() {
        if (process.isAlive()) {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
