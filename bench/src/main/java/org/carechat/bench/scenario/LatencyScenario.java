package org.carechat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.carechat.bench.Args;
import org.carechat.bench.load.LoadRun;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Latency at a fixed rate, by default half the highest rate the latest throughput run of the same store
 * sustained, measured longer than a throughput step so that the tail (p99.9, max) means something.
 */
public final class LatencyScenario {
    private LatencyScenario() {
    }

    public static void run(Args args) throws InterruptedException {
        Target target = new Target(args);
        int pairs = args.integer("pairs", 500);
        String given = args.text("rate", null);
        Duration warmup = args.duration("warmup", Duration.ofSeconds(60));
        Duration measure = args.duration("measure", Duration.ofSeconds(60));
        Duration drain = args.duration("drain", Duration.ofSeconds(10));
        int content = args.integer("content", 100);
        long tick = args.integer("tick-us", 1000);
        args.requireAllRead();
        double rate;
        String origin;
        if (given != null) {
            rate = Double.parseDouble(given);
            origin = "given with --rate";
        } else {
            Path latest = latestThroughput(target).orElseThrow(() -> new IllegalArgumentException(
                    "no throughput result for " + target.storeTag() + " under " + target.results
                            + ": run the throughput scenario first or give --rate"));
            double best = readHighest(latest);
            if (best <= 0) {
                throw new IllegalArgumentException(latest + " found no rate that held; give --rate");
            }
            rate = Math.round(best / 2 / 100.0) * 100.0;
            origin = "half of " + best + " msg/s, the highest rate held in " + latest.getFileName();
        }
        ObjectNode root = Report.start("latency", target);
        root.put("rate", rate);
        root.put("rateOrigin", origin);
        ObjectNode plan = root.putObject("plan");
        plan.put("pairs", pairs);
        plan.put("warmupSeconds", warmup.toMillis() / 1000.0);
        plan.put("measureSeconds", measure.toMillis() / 1000.0);
        plan.put("contentChars", content);
        Report.log("latency at %.0f msg/s (%s)", rate, origin);
        String run = "latency-" + target.storeTag() + "-" + Report.stamp();
        MessagingStep.Outcome outcome = MessagingStep.runUndisturbed(target, run, pairs,
                new LoadRun.Plan(rate, warmup, measure, drain, content, tick));
        root.set("run", outcome.json());
        Report.write(target, "latency", root);
    }

    static Optional<Path> latestThroughput(Target target) {
        if (!Files.isDirectory(target.results)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target.results)) {
            String prefix = "throughput-" + target.storeTag() + "-";
            // the stamp follows the prefix directly: memory-zgc results are not memory results
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                            && Character.isDigit(file.getFileName().toString().charAt(prefix.length())))
                    .filter(file -> file.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(file -> file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double readHighest(Path file) {
        try {
            JsonNode root = Report.JSON.readTree(Files.readString(file));
            return root.path("highestRateHeld").asDouble(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
