package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar as an operator runs it: `java -jar carechat.jar --demo`, a real process, stopped with
 * SIGTERM and started again on the same data directory.
 */
class ServerJarIT {
    private static final Pattern PORT = Pattern.compile("CareChat listening on port (\\d+)");
    private static final Pattern TOKEN = Pattern.compile("export (P1|D1)=(\\S+)");

    @TempDir
    Path data;

    /** A running jar, its port and the demo tokens it printed. */
    private record Running(Process process, Thread reader, int port, Map<String, String> tokens, List<String> output) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    private Running start() throws Exception {
        Path jar = Path.of("target", "carechat.jar");
        assertThat(jar).exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--demo", "--port", "0", "--host", "127.0.0.1",
                "--data-dir", data.toString()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        int port = -1;
        Map<String, String> tokens = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((port < 0 || tokens.size() < 2) && System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            Matcher p = PORT.matcher(line);
            if (p.find()) {
                port = Integer.parseInt(p.group(1));
            }
            Matcher t = TOKEN.matcher(line);
            if (t.find()) {
                tokens.put(t.group(1), t.group(2));
            }
        }
        assertThat(port).as("the jar printed its port; output: " + output).isPositive();
        assertThat(tokens).as("the demo printed tokens; output: " + output).containsKeys("P1", "D1");
        return new Running(process, reader, port, tokens, output);
    }

    @Test
    void the_jar_serves_stops_gracefully_on_sigterm_and_keeps_what_it_acknowledged() throws Exception {
        Running first = start();
        WsClient doctor = WsClient.connect(URI.create("ws://127.0.0.1:" + first.port() + "/ws"),
                Map.of("Authorization", "Bearer " + first.tokens().get("D1")));
        WsClient patient = WsClient.connect(URI.create("ws://127.0.0.1:" + first.port() + "/ws?access_token=" + first.tokens().get("P1")),
                Map.of());
        patient.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"d1\",\"content\":\"kept across restarts\",\"clientMessageId\":\"jar-1\"}}");
        assertThat(patient.awaitReply("1").path("event").asString()).isEqualTo("message_sent");
        assertThat(doctor.awaitEvent("new_message").path("data").path("message").path("content").asString())
                .isEqualTo("kept across restarts");

        first.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        assertThat(doctor.awaitClose()).isEqualTo(1001);
        assertThat(patient.awaitClose()).isEqualTo(1001);
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        first.reader().join(5000);
        String logs = first.output().stream().filter(line -> line.matches("^\\d{4}-\\d{2}-\\d{2}T.*"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(logs).contains("shutting down", "code=1001", "stopped")
                .as("logs hold no message text and no token")
                .doesNotContain("kept across restarts").doesNotContain(first.tokens().get("P1").substring(40));
        assertThat(Files.exists(data.resolve("carechat.mv"))).isTrue();

        Running second = start();
        try {
            HttpResponse<String> conversations = HttpClient.newHttpClient().send(HttpRequest.newBuilder(second.uri("/api/chat/conversations"))
                    .header("Authorization", "Bearer " + second.tokens().get("D1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(conversations.statusCode()).isEqualTo(200);
            assertThat(conversations.body()).contains("kept across restarts");
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
