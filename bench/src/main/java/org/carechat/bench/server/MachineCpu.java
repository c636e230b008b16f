package org.carechat.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time the whole machine has been busy, from /proc/stat, so that a run can tell how much of the CPU
 * went to processes other than the server and the generator (another build on a shared machine spoils a
 * measurement; the report must say so), and wait for a quiet machine before it starts.
 */
public final class MachineCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private MachineCpu() {
    }

    /** Busy CPU time of all CPUs together so far, in nanoseconds. */
    public static long busyNanos() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            return busy * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Other processes' CPU use (in cores) over {@code millis}, not counting {@code ours} (pids). */
    public static double othersCores(long millis, List<Long> ours) throws InterruptedException {
        long start = System.nanoTime();
        long busy = busyNanos();
        long mine = processesCpu(ours);
        Thread.sleep(millis);
        long elapsed = System.nanoTime() - start;
        return ((busyNanos() - busy) - (processesCpu(ours) - mine)) / (double) elapsed;
    }

    /**
     * Waits until processes other than {@code ours} use less than {@code maxCores} over five seconds, at
     * most {@code maxWaitMillis}; answers the last reading.
     */
    public static double awaitQuiet(double maxCores, long maxWaitMillis, List<Long> ours, java.util.function.Consumer<String> log)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
        double others = othersCores(5000, ours);
        boolean said = false;
        while (others > maxCores && System.nanoTime() < deadline) {
            if (!said) {
                log.accept(String.format("other processes use %.2f cores; waiting for a quiet machine (up to %d s)",
                        others, maxWaitMillis / 1000));
                said = true;
            }
            others = othersCores(5000, ours);
        }
        if (others > maxCores) {
            log.accept(String.format("the machine is still busy (%.2f cores used by others); running anyway", others));
        }
        return others;
    }

    /** CPU time used so far by the processes {@code pids} and their threads, in nanoseconds. */
    public static long processesCpu(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            total += processCpu(pid);
        }
        return total;
    }

    public static long processCpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after "pid (comm) ", field 3 (state) is index 0: utime is field 14, stime field 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0;
        }
    }

    /** User and system CPU time of a process so far, in nanoseconds. */
    public static long[] processUserSystem(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU time of this process and of its children that have exited and been waited for (cutime, cstime). */
    public static long selfAndReapedChildren() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]))
                    * NANOS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Context switches (voluntary and not) of every thread of a process so far. */
    public static long contextSwitches(long pid) {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                        }
                    }
                } catch (IOException threadGone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    public static List<Long> with(long... pids) {
        List<Long> list = new ArrayList<>();
        list.add(ProcessHandle.current().pid());
        for (long pid : pids) {
            list.add(pid);
        }
        return list;
    }
}
