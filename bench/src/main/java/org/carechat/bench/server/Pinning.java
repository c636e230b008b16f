package org.carechat.bench.server;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pins processes to cores with {@code taskset} (util-linux): the server to {@code --server-cpus}, this generator
 * to {@code --generator-cpus}, so that a figure per core is one core's, and neither steals the other's.
 */
public final class Pinning {
    private static final Pattern CPU_LIST = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");

    private Pinning() {
    }

    /** What goes before a command to run it on {@code cpus}; nothing when {@code cpus} is null. */
    public static List<String> prefix(String cpus) {
        return cpus == null ? List.of() : List.of("taskset", "-c", requireList(cpus));
    }

    /** Moves every thread of this JVM (and those it starts from now on) to {@code cpus}. */
    public static void pinThisProcess(String cpus) {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", requireList(cpus), pid)
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (taskset.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin the generator to " + cpus + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset (util-linux) is needed for --generator-cpus", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning the generator", e);
        }
    }

    private static String requireList(String cpus) {
        if (!CPU_LIST.matcher(cpus).matches()) {
            throw new IllegalArgumentException("a core list such as 0, 1 or 0-1 is expected, got " + cpus);
        }
        return cpus;
    }
}
