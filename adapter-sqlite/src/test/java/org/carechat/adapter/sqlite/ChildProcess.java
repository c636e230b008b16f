package org.carechat.adapter.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@link SqliteChild} started as a separate JVM on this test's class path, its output lines collected as they come. */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Thread reading;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        this.reading = new Thread(this::read, "child-output");
        reading.setDaemon(true);
        reading.start();
    }

    static ChildProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteChild.class.getName()));
        command.addAll(List.of(args));
        return new ChildProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits until the child printed {@code count} lines starting with {@code prefix}, at most {@code seconds}. */
    void awaitLines(String prefix, int count, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (lines.stream().filter(line -> line.startsWith(prefix)).count() < count) {
            if (System.nanoTime() > deadline || !process.isAlive() && !reading.isAlive()) {
                throw new AssertionError("the child printed " + lines.size() + " lines, not " + count + " '" + prefix
                        + "' ones; alive: " + process.isAlive());
            }
            Thread.sleep(5);
        }
    }

    /** SIGKILL: the child gets no chance to close anything. Answers every line it printed before it died. */
    List<String> kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reading.join(TimeUnit.SECONDS.toMillis(30));
        return List.copyOf(lines);
    }

    /** Waits for the child to end by itself. */
    List<String> finish() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not end");
        }
        reading.join(TimeUnit.SECONDS.toMillis(30));
        return List.copyOf(lines);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child died: what it printed is collected
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
