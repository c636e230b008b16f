package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.carechat.bootstrap.commands.Backup;
import org.carechat.bootstrap.commands.Migrate;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded store's operations: a data directory of the previous embedded store is refused until it is
 * migrated, {@code migrate} moves it into the current store, {@code backup} copies a running store, and a server
 * started on the copy carries on from it. The old directory is a real one, written by the previous version.
 */
class EmbeddedStoreCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    @Test
    void a_server_refuses_to_start_beside_the_previous_store_and_names_the_one_command_that_migrates_it() throws Exception {
        copyPreviousStore(data);

        assertThatThrownBy(() -> TestServer.start(embedded(data), null, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("carechat.mv")
                .hasMessageContaining("java -jar carechat.jar migrate --data-dir " + data.toAbsolutePath().normalize());
        assertThat(data.resolve("carechat.db")).doesNotExist();
    }

    @Test
    void migrate_moves_what_the_previous_version_wrote_into_the_current_store_and_keeps_the_old_file() throws Exception {
        copyPreviousStore(data);
        Output out = new Output();

        int exit = Migrate.run(config(data), out.stream(), out.stream());

        assertThat(exit).as(out.text()).isZero();
        assertThat(out.text()).contains("7 messages").contains("1 conversations").contains("4 people");
        assertThat(data.resolve("carechat.mv")).as("the old file is kept").exists();
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(file -> file.getFileName().toString())).doesNotContain("carechat.db.migrating");
        }
        try (TestServer server = TestServer.start(embedded(data), null, false)) {
            JsonNode conversations = json(server.get("/api/chat/conversations", "p1"));
            JsonNode conversation = conversations.path("items").get(0);
            assertThat(conversation.path("pinned").asBoolean()).as("p1 had pinned it").isTrue();
            String id = conversation.path("id").asString();
            JsonNode history = json(server.get("/api/chat/conversations/" + id + "/messages?limit=20", "d1"));
            assertThat(history.path("items")).hasSize(7);
            assertThat(history.path("items").findValuesAsString("content")).contains("before the upgrade 1",
                    "before the upgrade 5", "the doctor answers", "my results");
            JsonNode answer = history.path("items").get(1);
            assertThat(answer.path("seq").asLong()).isEqualTo(6);
            assertThat(answer.path("reactions").path("👍").get(0).asString()).isEqualTo("p1");
            assertThat(history.path("items").get(0).path("status").asString()).as("d1 never read the file").isEqualTo("sent");
            assertThat(history.path("items").get(2).path("status").asString()).as("d1 answered after it").isEqualTo("read");
            assertThat(json(server.get("/api/chat/unread-count", "d1")).path("total").asLong()).isEqualTo(1);
            assertThat(json(server.get("/api/chat/unread-count", "p1")).path("total").asLong()).isZero();
            JsonNode file = history.path("items").get(0).path("attachment");
            HttpResponse<String> download = server.get(file.path("url").asString(), "d1");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).startsWith("%PDF");
            HttpResponse<String> retry = server.send("POST", "/api/chat/conversations/" + id + "/messages", "p1",
                    "{\"content\":\"before the upgrade 2\",\"clientMessageId\":\"old-2\"}");
            assertThat(retry.statusCode()).as("a retry from before the upgrade finds its original").isEqualTo(200);
            assertThat(json(retry).path("seq").asLong()).isEqualTo(2);
            HttpResponse<String> next = server.send("POST", "/api/chat/conversations/" + id + "/messages", "d1",
                    "{\"content\":\"after the upgrade\"}");
            assertThat(json(next).path("seq").asLong()).isEqualTo(8);
            JsonNode audit = json(server.get("/api/admin/audit?userId=p1&limit=100", "admin"));
            assertThat(audit.path("items").findValuesAsString("action")).contains("message_send", "attachment_upload");
        }
    }

    @Test
    void migrate_refuses_to_run_twice_and_a_directory_without_the_previous_store() throws Exception {
        Output out = new Output();
        assertThat(Migrate.run(config(data), out.stream(), out.stream())).isEqualTo(2);
        assertThat(out.text()).contains("nothing to migrate");

        copyPreviousStore(data);
        assertThat(Migrate.run(config(data), out.stream(), out.stream())).isZero();
        assertThat(Migrate.run(config(data), out.stream(), out.stream())).isEqualTo(2);
        assertThat(out.text()).contains("exists already");
    }

    @Test
    void a_backup_taken_while_the_server_runs_starts_a_server_that_carries_on_from_it(@TempDir Path restored)
            throws Exception {
        Path copy = restored.resolve("carechat.db");
        try (TestServer server = TestServer.start(embedded(data), null, true)) {
            String id = json(server.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}"))
                    .path("id").asString();
            for (int i = 1; i <= 20; i++) {
                assertThat(server.send("POST", "/api/chat/conversations/" + id + "/messages", "p1",
                        "{\"content\":\"before the backup " + i + "\"}").statusCode()).isEqualTo(201);
            }
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
                while (sending.get()) {
                    try {
                        server.send("POST", "/api/chat/conversations/" + id + "/messages", "d1", "{\"content\":\"during\"}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            Output out = new Output();

            int exit = Backup.run(config(data), copy, out.stream(), out.stream());

            sending.set(false);
            meanwhile.get(30, TimeUnit.SECONDS);
            assertThat(exit).as(out.text()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
            assertThat(Backup.run(config(data), copy, out.stream(), out.stream())).as("never overwrites").isEqualTo(2);
        }
        try (TestServer server = TestServer.start(embedded(restored), null, false)) {
            JsonNode conversation = json(server.get("/api/chat/conversations", "p1")).path("items").get(0);
            String id = conversation.path("id").asString();
            // a message and its conversation's new state are one write: whenever the copy was taken, it holds both
            long last = json(server.get("/api/chat/conversations/" + id + "/messages?limit=1", "p1"))
                    .path("items").get(0).path("seq").asLong();
            assertThat(last).isGreaterThanOrEqualTo(20);
            assertThat(conversation.path("lastSeq").asLong()).isEqualTo(last);
            JsonNode oldest = json(server.get("/api/chat/conversations/" + id + "/messages?after=0&limit=20", "p1"));
            assertThat(oldest.path("items").findValuesAsString("content")).startsWith("before the backup 1")
                    .contains("before the backup 20");
            HttpResponse<String> next = server.send("POST", "/api/chat/conversations/" + id + "/messages", "p1",
                    "{\"content\":\"after the restore\"}");
            assertThat(json(next).path("seq").asLong()).isEqualTo(last + 1);
        }
    }

    private static Map<Option, String> embedded(Path dir) {
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, dir.toString());
        return options;
    }

    private static ServerConfig config(Path dir) {
        return ServerConfig.defaults(embedded(dir));
    }

    /** A copy of the data directory the previous version wrote (see the README beside it). */
    private static void copyPreviousStore(Path dir) throws IOException {
        Path source = Path.of("src", "test", "resources", "previous-embedded-store");
        Files.copy(source.resolve("carechat.mv"), dir.resolve("carechat.mv"));
        Files.createDirectories(dir.resolve("attachments"));
        Files.copy(source.resolve("attachments").resolve("a_01M8T09KSC4W940T5VQPC4WYDS"),
                dir.resolve("attachments").resolve("a_01M8T09KSC4W940T5VQPC4WYDS"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** What a command printed, on both its streams. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        PrintStream stream() {
            return stream;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
