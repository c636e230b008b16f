package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default store is durable with no setup: the server restarted on the same data directory finds
 * everything it acknowledged, and it rides out an outage of its database without losing anything.
 */
class DurabilityEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    private Map<Option, String> embedded() {
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, data.toString());
        options.put(Option.STORE_TIMEOUT, "1s");
        return options;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void a_restarted_server_finds_history_unread_counts_receipts_relationships_and_the_audit_trail() throws Exception {
        String conversation;
        try (TestServer first = TestServer.start(embedded(), null, true)) {
            conversation = json(first.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}")).path("id").asString();
            for (int i = 1; i <= 5; i++) {
                assertThat(first.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                        "{\"content\":\"message " + i + "\",\"clientMessageId\":\"before-" + i + "\"}").statusCode()).isEqualTo(201);
            }
            assertThat(first.send("PUT", "/api/chat/conversations/" + conversation + "/read", "d1", "{\"upToSeq\":3}")
                    .statusCode()).isEqualTo(200);
            assertThat(first.send("PUT", "/api/chat/conversations/" + conversation + "/pin", "d1", "{\"pinned\":true}")
                    .statusCode()).isEqualTo(200);
            String metrics = first.get("/metrics", null).body();
            assertThat(metrics).as("the embedded store says how its commits carried its writes")
                    .containsPattern("(?m)^carechat_store_commits_total [1-9]\\d*$")
                    .containsPattern("(?m)^carechat_store_commit_operations_total [1-9]\\d*$")
                    .contains("carechat_store_commit_batch_size_bucket{le=\"1\"}");
        }

        try (TestServer second = TestServer.start(embedded(), null, false)) {
            JsonNode history = json(second.get("/api/chat/conversations/" + conversation + "/messages?limit=10", "d1"));
            assertThat(history.path("items")).hasSize(5);
            assertThat(history.path("items").get(0).path("content").asString()).isEqualTo("message 5");
            assertThat(history.path("items").get(2).path("status").asString()).as("seq 3 was read").isEqualTo("read");
            assertThat(history.path("items").get(0).path("status").asString()).as("seq 5 was not").isEqualTo("sent");

            JsonNode unread = json(second.get("/api/chat/unread-count", "d1"));
            assertThat(unread.path("total").asLong()).isEqualTo(2);
            JsonNode view = json(second.get("/api/chat/conversations/" + conversation, "d1"));
            assertThat(view.path("pinned").asBoolean()).isTrue();
            assertThat(view.path("canSend").asBoolean()).as("the care relationship survived").isTrue();

            HttpResponse<String> sixth = second.send("POST", "/api/chat/conversations/" + conversation + "/messages", "d1",
                    "{\"content\":\"after the restart\"}");
            assertThat(json(sixth).path("seq").asLong()).as("seq continues where it stopped").isEqualTo(6);
            HttpResponse<String> replay = second.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                    "{\"content\":\"message 2\",\"clientMessageId\":\"before-2\"}");
            assertThat(replay.statusCode()).as("a retry from before the restart finds its original").isEqualTo(200);
            assertThat(json(replay).path("seq").asLong()).isEqualTo(2);

            JsonNode audit = json(second.get("/api/admin/audit?userId=p1&limit=100", "admin"));
            assertThat(audit.path("items").findValuesAsString("action")).contains("message_send", "conversation_open");
            assertThat(audit.toString()).doesNotContain("message 1");
        }
    }

    @Test
    void when_the_database_file_cannot_be_written_sends_are_refused_as_unavailable_and_the_server_recovers_by_itself()
            throws Exception {
        try (TestServer test = TestServer.start(embedded(), null, true)) {
            Path database = test.server.embeddedStore().orElseThrow().file();
            String conversation = json(test.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}")).path("id").asString();
            String path = "/api/chat/conversations/" + conversation + "/messages";
            assertThat(test.send("POST", path, "p1", "{\"content\":\"acknowledged before\",\"clientMessageId\":\"a\"}").statusCode())
                    .isEqualTo(201);

            try (WsClient patient = test.connect("p1")) {
                // what a failing disk does to the store: its file and its log refuse every write (root ignores chmod)
                writable(database, false);
                try {
                    long started = System.nanoTime();
                    HttpResponse<String> refused = test.send("POST", path, "p1", "{\"content\":\"during\",\"clientMessageId\":\"b\"}");
                    assertThat(refused.statusCode()).isEqualTo(503);
                    assertThat(json(refused).path("code").asString()).isEqualTo("UNAVAILABLE");
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                    assertThat(test.get("/health", null).statusCode()).isEqualTo(503);
                    patient.send("{\"event\":\"send_message\",\"id\":\"w\",\"data\":{\"conversationId\":\"" + conversation
                            + "\",\"content\":\"during, by socket\",\"clientMessageId\":\"c\"}}");
                    JsonNode error = patient.awaitReply("w");
                    assertThat(error.path("event").asString()).isEqualTo("error");
                    assertThat(error.path("data").path("code").asString()).isEqualTo("UNAVAILABLE");
                    assertThat(test.get(path + "?limit=10", "p1").statusCode())
                            .as("a read of health data is refused when its audit entry cannot be written").isEqualTo(503);
                } finally {
                    writable(database, true);
                }

                HttpResponse<String> retried = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    retried = test.send("POST", path, "p1", "{\"content\":\"during\",\"clientMessageId\":\"b\"}");
                    if (retried.statusCode() != 503) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertThat(retried.statusCode()).as("the server recovered by itself").isIn(200, 201);
                assertThat(test.get("/health", null).statusCode()).isEqualTo(200);
            }

            JsonNode history = json(test.get(path + "?limit=10", "p1"));
            assertThat(history.path("items").findValuesAsString("content")).contains("acknowledged before", "during");
            assertThat(history.path("items").findValuesAsString("clientMessageId")).doesNotHaveDuplicates();
        }
    }

    /** Makes the database file and its write-ahead log immutable (chattr, which .ci/run installs) or writable again. */
    private static void writable(Path database, boolean writable) throws Exception {
        for (Path file : new Path[] {database, database.resolveSibling(database.getFileName() + "-wal")}) {
            Process chattr = new ProcessBuilder("chattr", writable ? "-i" : "+i", file.toString()).redirectErrorStream(true).start();
            String output = new String(chattr.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(chattr.waitFor()).as("chattr " + file + ": " + output).isZero();
        }
    }
}
