package org.carechat.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes a scenario's results under bench/results/ as JSON, with the machine and the settings they came from. */
final class Report {
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Report() {
    }

    static String stamp() {
        return LocalDateTime.now().format(STAMP);
    }

    static ObjectNode start(String scenario, Target target) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", scenario);
        root.put("store", target.store);
        if (target.label != null) {
            root.put("label", target.label);
        }
        root.put("startedAt", LocalDateTime.now().toString());
        root.set("machine", machine());
        ObjectNode server = root.putObject("server");
        server.put("jar", target.jar.toString());
        server.put("jvmOptions", String.join(" ", target.jvmOptions));
        server.put("ratePerSecondPerUser", Target.BENCH_RATE);
        server.put("note", "CHAT_RATE_PER_SECOND, CHAT_RATE_BURST and CHAT_ADMIN_RATE_* are lifted to " + Target.BENCH_RATE
                + " for the benchmark (product default 20/s, bursts of 40); every other setting is the product default");
        ObjectNode generator = root.putObject("generator");
        generator.put("clientThreads", target.clientThreads);
        generator.put("note", "the generator runs on the same machine as the server and shares its CPUs");
        return root;
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    static ObjectNode machine() {
        ObjectNode machine = JSON.createObjectNode();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstLine("/proc/cpuinfo", "model name"));
        machine.put("memTotal", firstLine("/proc/meminfo", "MemTotal"));
        machine.put("kernel", read("/proc/sys/kernel/osrelease").strip());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("maxOpenFiles", firstLine("/proc/self/limits", "Max open files"));
        return machine;
    }

    static Path write(Target target, String scenario, ObjectNode root) {
        try {
            Files.createDirectories(target.results);
            Path file = target.results.resolve(scenario + "-" + target.storeTag() + "-" + stamp() + ".json");
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            System.out.println("results: " + file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total GC pause time of this (the generator's) JVM so far, in milliseconds. */
    static long generatorGcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** CPU time this (the generator's) process has used, in nanoseconds. */
    static long generatorCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private static String firstLine(String file, String prefix) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(prefix)) {
                int colon = line.indexOf(':');
                return (colon >= 0 && colon < prefix.length() + 8 ? line.substring(colon + 1) : line.substring(prefix.length()))
                        .strip().replaceAll("\\s+", " ");
            }
        }
        return "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[%s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(format, args));
        System.out.flush();
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
