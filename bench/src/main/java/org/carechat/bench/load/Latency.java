package org.carechat.bench.load;

import org.HdrHistogram.Histogram;

/** A latency distribution in milliseconds, as the reports show it. */
public record Latency(long count, double p50, double p90, double p99, double p999, double max, double mean) {
    /** Latencies are recorded in microseconds, up to ten minutes, with three significant digits. */
    public static final long HIGHEST_MICROS = 600_000_000L;

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** Records {@code nanos} (clamped to the histogram's range). */
    public static void record(Histogram histogram, long nanos) {
        long micros = Math.max(0, (nanos + 500) / 1000);
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    public static Latency of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0, 0);
        }
        return new Latency(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                Math.round(h.getMean()) / 1000.0);
    }

    /** The distribution at the percentiles a latency report shows, in milliseconds. */
    public static java.util.Map<String, Double> percentiles(Histogram h) {
        java.util.Map<String, Double> at = new java.util.LinkedHashMap<>();
        for (double p : new double[] {0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100}) {
            String name = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
            at.put(name, h.getTotalCount() == 0 ? 0 : ms(p == 100 ? h.getMaxValue() : h.getValueAtPercentile(p)));
        }
        return at;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f ms", count, p50, p90, p99, p999, max);
    }
}
