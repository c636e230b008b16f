package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

    private Running start(String... extraFlags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--demo", "--port", "0", "--host", "127.0.0.1", "--data-dir",
                data.toString()));
        args.addAll(List.of(extraFlags));
        JarProcess jar = JarProcess.start(args);
        Process process = jar.process();
        Thread reader = jar.reader();
        BlockingQueue<String> lines = jar.lines();
        List<String> output = jar.output();
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
        assertThat(Files.exists(data.resolve("carechat.db"))).isTrue();

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

    @Test
    void killed_with_sigkill_mid_stream_the_jar_comes_back_with_every_acknowledged_message_once_and_no_gap() throws Exception {
        String[] unlimited = {"--rate-per-second", "100000", "--rate-burst", "100000"};
        Running first = start(unlimited);
        WsClient patient = WsClient.connect(URI.create("ws://127.0.0.1:" + first.port() + "/ws"),
                Map.of("Authorization", "Bearer " + first.tokens().get("P1")));
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                try {
                    patient.send("{\"event\":\"send_message\",\"id\":\"" + i + "\",\"data\":{\"to\":\"d1\",\"content\":\"m "
                            + i + "\",\"clientMessageId\":\"kill-" + i + "\"}}");
                    Thread.sleep(2);
                } catch (RuntimeException | InterruptedException gone) {
                    return;
                }
            }
        });
        sender.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged(patient).size() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the store
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        sending.set(false);
        sender.join(5000);
        Map<String, Long> acked = acknowledged(patient);
        assertThat(acked).as("messages were acknowledged before the kill").hasSizeGreaterThanOrEqualTo(50);

        Running second = start(unlimited);
        try {
            List<JsonNode> history = new java.util.ArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            String conversation = new tools.jackson.databind.json.JsonMapper().readTree(http.send(
                    HttpRequest.newBuilder(second.uri("/api/chat/conversations")).header("Authorization", "Bearer "
                            + second.tokens().get("D1")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("items").get(0).path("id").asString();
            long after = 0;
            while (true) {
                JsonNode page = new tools.jackson.databind.json.JsonMapper().readTree(http.send(HttpRequest.newBuilder(
                        second.uri("/api/chat/conversations/" + conversation + "/messages?after=" + after + "&limit=100"))
                        .header("Authorization", "Bearer " + second.tokens().get("D1")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                page.path("items").forEach(history::add);
                if (!page.path("hasMore").asBoolean()) {
                    break;
                }
                after = history.get(history.size() - 1).path("seq").asLong();
            }
            List<Long> seqs = history.stream().map(m -> m.path("seq").asLong()).toList();
            assertThat(seqs).as("gap-free from 1").isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            Map<String, Long> stored = new java.util.HashMap<>();
            for (JsonNode message : history) {
                String key = message.path("clientMessageId").asString();
                assertThat(stored.put(key, message.path("seq").asLong())).as("stored once: " + key).isNull();
            }
            assertThat(stored).as("every acknowledged message is there, at the seq its acknowledgement gave")
                    .containsAllEntriesOf(acked);
        } finally {
            second.process().destroy();
            second.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** clientMessageId to seq of every message_sent the socket received. */
    private static Map<String, Long> acknowledged(WsClient client) {
        Map<String, Long> acked = new java.util.HashMap<>();
        for (JsonNode frame : client.seen()) {
            if ("message_sent".equals(frame.path("event").asString())) {
                JsonNode message = frame.path("data").path("message");
                acked.put(message.path("clientMessageId").asString(), message.path("seq").asLong());
            }
        }
        return acked;
    }
}
