package org.carechat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carechat.bench.Args;
import org.carechat.bench.server.MachineCpu;
import org.carechat.bench.server.Pinning;
import org.carechat.bench.server.ServerProcess;

/**
 * The server a scenario runs against: the shipped jar, the store, the JVM options, and the settings every
 * benchmark changes from the product's defaults. The product limits each connection to 20 messages per
 * second (bursts of 40); a benchmark that drives thousands of messages per second through a few hundred
 * connections lifts that limit, and says so in every result it writes.
 */
public final class Target {
    /** The per-connection rate limit of the benchmark runs (the product default is 20/s, bursts of 40). */
    public static final String BENCH_RATE = "1000000";

    final Path jar;
    final String store;
    final String label;
    final String mongoUri;
    final List<String> jvmOptions;
    final Path results;
    final boolean jfr;
    final String jfrPeriod;
    final String secret;
    final int clientThreads;
    final double quietCores;
    final Duration quietWait;
    final double maxOtherCores;
    final int retries;
    /** The cores the server runs on ({@code taskset -c} list), or null for any. */
    final String serverCpus;
    /** The cores this generator runs on, or null for any. */
    final String generatorCpus;

    Target(Args args) {
        this(args, "", null, null);
    }

    /**
     * As {@link #Target(Args)}, with the server's JVM options and the cores to pin to when
     * {@code --server-jvm-opts}, {@code --server-cpus} and {@code --generator-cpus} are not given.
     */
    Target(Args args, String defaultJvmOptions, String defaultServerCpus, String defaultGeneratorCpus) {
        this.jar = Path.of(args.text("jar", "bootstrap/target/carechat.jar"));
        this.store = args.text("store", "memory");
        this.label = args.text("label", null);
        this.mongoUri = args.text("mongo-uri", null);
        String opts = args.text("server-jvm-opts", defaultJvmOptions);
        this.jvmOptions = opts.isBlank() ? List.of() : Arrays.asList(opts.strip().split("\\s+"));
        this.results = Path.of(args.text("results", "bench/results"));
        this.jfr = args.flag("jfr");
        this.jfrPeriod = args.text("jfr-period", "2ms");
        this.clientThreads = args.integer("client-threads", 1);
        this.quietCores = args.decimal("quiet-cores", 0.2);
        this.quietWait = args.duration("quiet-wait", Duration.ofMinutes(10));
        this.maxOtherCores = args.decimal("max-other-cores", 0.25);
        this.retries = args.integer("retries", 2);
        this.serverCpus = args.text("server-cpus", defaultServerCpus);
        this.generatorCpus = args.text("generator-cpus", defaultGeneratorCpus);
        if (generatorCpus != null) {
            Pinning.pinThisProcess(generatorCpus);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no server jar at " + jar + ": build it with mvn -q -DskipTests package");
        }
        if ("mongo".equals(store) && (mongoUri == null || mongoUri.isBlank())) {
            throw new IllegalArgumentException("--store mongo needs --mongo-uri");
        }
    }

    /** The store, and the run's label if given ({@code memory-zgc}): names result files. */
    String storeTag() {
        return label == null || label.isBlank() ? store : store + "-" + label;
    }

    /**
     * Waits (up to {@code --quiet-wait}) until other processes use less than {@code --quiet-cores}: the
     * machine is shared, and a build running beside a benchmark halves what it measures.
     */
    double awaitQuiet() throws InterruptedException {
        return MachineCpu.awaitQuiet(quietCores, quietWait.toMillis(), MachineCpu.with(), line -> Report.log("%s", line));
    }

    /**
     * Starts a fresh server for one run named {@code run}; {@code extraJvm} and {@code extraFlags} add to
     * the defaults (a fresh data directory for the embedded store, the lifted rate limit).
     */
    ServerProcess start(String run, List<String> extraJvm, Map<String, String> extraFlags) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("host", "0.0.0.0");
        flags.put("store", store);
        flags.put("rate-per-second", BENCH_RATE);
        flags.put("rate-burst", BENCH_RATE);
        Path data = results.resolve("data").resolve(run);
        deleteTree(data);
        flags.put("data-dir", data.toAbsolutePath().toString());
        if (mongoUri != null) {
            flags.put("mongo-uri", mongoUri);
        }
        flags.putAll(extraFlags);
        List<String> jvm = new ArrayList<>(jvmOptions);
        jvm.addAll(extraJvm);
        if (jfr) {
            jvm.add("-XX:StartFlightRecording=filename=" + results.resolve("logs").resolve(run + ".jfr").toAbsolutePath()
                    + ",settings=profile,jdk.ExecutionSample#period=" + jfrPeriod + ",dumponexit=true");
        }
        Path log = results.resolve("logs").resolve(run + "-server.log");
        // seeding hundreds of pairs through the admin API must not meet the administrators' request budget
        Map<String, String> environment = Map.of("CHAT_ADMIN_RATE_PER_SECOND", BENCH_RATE, "CHAT_ADMIN_RATE_BURST", BENCH_RATE);
        return ServerProcess.start(new ServerProcess.Launch(jar, jvm, flags, environment, log, secret, serverCpus));
    }

    /** The data directory of a finished run is not kept (a million messages are not worth the disk). */
    /** Deletes the run's data directory, unless BENCH_KEEP_DATA=1 asks to keep it (to time a start on it, say). */
    void cleanUp(String run) {
        if ("1".equals(System.getenv("BENCH_KEEP_DATA"))) {
            Report.log("  data kept in %s", results.resolve("data").resolve(run));
            return;
        }
        deleteTree(results.resolve("data").resolve(run));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
