package org.carechat.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carechat.bench.Args;
import org.carechat.bench.server.MachineCpu;

/**
 * The JMH microbenchmarks, run as {@code java -jar bench/target/benchmarks.jar} would run them, but only
 * once the machine is quiet, with JMH's JSON results under bench/results/ and the CPU that other
 * processes used meanwhile written beside them.
 */
public final class JmhScenario {
    private JmhScenario() {
    }

    public static void run(Args args) throws Exception {
        String jar = args.text("benchmarks-jar", "bench/target/benchmarks.jar");
        Path results = Path.of(args.text("results", "bench/results"));
        double quietCores = args.decimal("quiet-cores", 0.2);
        long quietWait = args.duration("quiet-wait", java.time.Duration.ofMinutes(10)).toMillis();
        String jmhArgs = args.text("jmh", "");
        args.requireAllRead();
        Files.createDirectories(results);
        Path out = results.resolve("jmh-" + Report.stamp() + ".json");
        MachineCpu.awaitQuiet(quietCores, quietWait, MachineCpu.with(), line -> Report.log("%s", line));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "-rf", "json", "-rff", out.toString()));
        if (!jmhArgs.isBlank()) {
            command.addAll(List.of(jmhArgs.strip().split("\\s+")));
        }
        long start = System.nanoTime();
        long busy = MachineCpu.busyNanos();
        long ours = MachineCpu.selfAndReapedChildren();
        Process jmh = new ProcessBuilder(command).inheritIO().start();
        int exit = jmh.waitFor();
        long elapsed = System.nanoTime() - start;
        // the forks were reaped by the JMH runner and the runner by us: all of it is in our cutime now
        long mine = MachineCpu.selfAndReapedChildren() - ours;
        double others = Math.max(0, (MachineCpu.busyNanos() - busy - mine) / (double) elapsed);
        String note = String.format("{\"otherProcessesCoresBusyEstimate\": %.2f, \"note\": \"machine busy time minus"
                + " the JMH runner and its forks; above 0.2 the figures are disturbed\"}%n", others);
        Files.writeString(Path.of(out.toString().replace(".json", "-machine.json")), note);
        Report.log("JMH exited %d; results %s; other processes used about %.2f cores meanwhile", exit, out, others);
    }
}
