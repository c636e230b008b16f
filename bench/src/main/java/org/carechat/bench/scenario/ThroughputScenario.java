package org.carechat.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carechat.bench.Args;
import org.carechat.bench.load.LoadRun;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The highest message rate the server sustains: the target rate is stepped up (a fresh server per step)
 * until the delivery p99 passes the limit (50 ms) or a message is lost or refused; then the gap between
 * the last rate that held and the first that did not is halved a few times. Reports the highest rate
 * that held.
 */
public final class ThroughputScenario {
    private ThroughputScenario() {
    }

    public static void run(Args args) throws InterruptedException {
        Target target = new Target(args);
        int pairs = args.integer("pairs", 500);
        double start = args.decimal("start-rate", 1000);
        double factor = args.decimal("factor", 1.5);
        double max = args.decimal("max-rate", 200_000);
        int refine = args.integer("refine", 2);
        double limit = args.decimal("p99-limit-ms", 50);
        String explicit = args.text("rates", null);
        // C2 (one compiler thread on two cores) is still busy after 30 s; a shorter warm-up measures the JIT
        Duration warmup = args.duration("warmup", Duration.ofSeconds(60));
        Duration measure = args.duration("measure", Duration.ofSeconds(20));
        Duration drain = args.duration("drain", Duration.ofSeconds(10));
        int content = args.integer("content", 100);
        long tick = args.integer("tick-us", 1000);
        args.requireAllRead();

        ObjectNode root = Report.start("throughput", target);
        ObjectNode plan = root.putObject("plan");
        plan.put("pairs", pairs);
        plan.put("warmupSeconds", warmup.toMillis() / 1000.0);
        plan.put("measureSeconds", measure.toMillis() / 1000.0);
        plan.put("drainSeconds", drain.toMillis() / 1000.0);
        plan.put("contentChars", content);
        plan.put("p99LimitMs", limit);
        plan.put("rule", "a step holds when every message is acknowledged and delivered (none refused, lost, duplicated or"
                + " out of order, no socket closed) and the delivery p99, from the intended send time, is within the limit");
        ArrayNode steps = root.putArray("steps");
        String stamp = Report.stamp();
        List<Double> held = new ArrayList<>();
        double[] mostDelivered = {0};
        List<Double> failed = new ArrayList<>();
        int[] counter = {0};
        StepRunner step = rate -> {
            String run = "throughput-" + target.storeTag() + "-" + stamp + "-" + (++counter[0]) + "-" + Math.round(rate);
            Report.log("step %d: %.0f msg/s", counter[0], rate);
            LoadRun.Plan p = new LoadRun.Plan(rate, warmup, measure, drain, content, tick);
            MessagingStep.Outcome outcome = MessagingStep.runUndisturbed(target, run, pairs, p);
            boolean ok = outcome.result().held(limit);
            mostDelivered[0] = Math.max(mostDelivered[0], outcome.result().deliveredRate());
            outcome.json().put("held", ok);
            steps.add(outcome.json());
            Report.log("step %d: %.0f msg/s %s", counter[0], rate, ok ? "HELD" : "did not hold");
            (ok ? held : failed).add(rate);
            return ok;
        };
        if (explicit != null) {
            for (double rate : Arrays.stream(explicit.split(",")).mapToDouble(Double::parseDouble).toArray()) {
                step.run(rate);
            }
        } else {
            double rate = start;
            int lowered = 0;
            while (rate <= max) {
                if (step.run(rate)) {
                    rate = Math.round(rate * factor / 100.0) * 100.0;
                } else if (held.isEmpty() && lowered++ < 3) {
                    rate = Math.round(rate / 2 / 100.0) * 100.0;
                } else {
                    break;
                }
            }
            for (int i = 0; i < refine && !held.isEmpty() && !failed.isEmpty(); i++) {
                double low = held.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                double high = failed.stream().filter(r -> r > low).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double mid = Math.round((low + high) / 2 / 100.0) * 100.0;
                if (Double.isNaN(high) || mid <= low || mid >= high) {
                    break;
                }
                step.run(mid);
            }
        }
        double best = held.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        root.put("highestRateHeld", best);
        root.put("mostDeliveredPerSecond", Math.round(mostDelivered[0]));
        root.put("mostDeliveredNote", "the highest delivered rate of any step, whether or not it held: the server's"
                + " capacity when latency is not the limit");
        Report.write(target, "throughput", root);
        Report.log("highest rate that held (%s store): %.0f msg/s; most delivered in any step: %.0f msg/s", target.store,
                best, mostDelivered[0]);
    }

    @FunctionalInterface
    interface StepRunner {
        boolean run(double rate) throws InterruptedException;
    }
}
