package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the server logs while it serves content, bad tokens and bugs: never the content, the token or the bytes. */
class LogHygieneTest {
    private static final String SECRET_TEXT = "the-patients-private-words";
    private static final String SECRET_TOKEN = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";
    private static final String FILE_MARKER = "FILE-BYTES-MARKER-42";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger ours = Logger.getLogger("org.carechat");
    private Level oursBefore;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(' ').append(trace);
            }
            logged.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        oursBefore = ours.getLevel();
        ours.setLevel(Level.ALL);
    }

    @AfterEach
    void stopListening() {
        root.removeHandler(capture);
        ours.setLevel(oursBefore);
    }

    @Test
    void content_tokens_and_file_bytes_never_reach_the_log() {
        String reference;
        try (RestHarness api = RestHarness.builder().directory(FailingDirectory::new).start()) {
            api.seedClinic();
            String conversation = api.conversation("p1", "patient", "d1");
            api.sendText(api.token("p1", "patient"), conversation, SECRET_TEXT);
            api.get("/api/chat/conversations/" + conversation + "/messages", api.token("d1", "doctor"));
            api.get("/api/chat/conversations", SECRET_TOKEN);
            api.post("/api/chat/conversations/" + conversation + "/messages", api.token("p1", "patient"),
                    "{\"content\":\"" + SECRET_TEXT + "\",\"senderId\":\"d1\"}");
            byte[] file = AttachmentEndpointsTest.png(200);
            System.arraycopy(FILE_MARKER.getBytes(), 0, file, 20, FILE_MARKER.length());
            api.sendWith("/api/chat/attachments", "POST", api.token("p1", "patient"), Map.of("Content-Type", "application/pdf"),
                    BodyPublishers.ofByteArray(file));
            HttpResponse<String> bug = api.get("/api/chat/conversations", api.token("boom", "patient"));
            String detail = json(bug).get("detail").stringValue();
            reference = detail.substring(detail.indexOf("reference ") + 10, detail.length() - 1);
        }

        assertThat(logged).as("the bug is logged with the reference its answer gave").anySatisfy(line -> assertThat(line).contains(reference));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET_TEXT));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET_TOKEN));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(FILE_MARKER));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("test:p1:patient"));
    }

    @Test
    void a_refused_token_leaves_a_log_line_and_an_audit_entry_without_the_token() {
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();
            HttpResponse<String> refused = api.get("/api/chat/conversations", SECRET_TOKEN);
            HttpResponse<String> stranger = api.get("/api/chat/unread-count", api.token("x9", "patient"));

            api.get("/api/chat/x%0Arequest%20refused:%20forged", SECRET_TOKEN);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(stranger.statusCode()).as("a valid token of someone the directory does not know").isEqualTo(401);
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .isEqualTo("request refused: unauthorized GET /api/chat/conversations"));
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .isEqualTo("request refused: unauthorized GET /api/chat/unread-count"));
            assertThat(logged).as("a path cannot forge a log line").anySatisfy(line -> assertThat(line)
                    .isEqualTo("request refused: unauthorized GET /api/chat/x%0Arequest%20refused:%20forged"));
            assertThat(logged).noneSatisfy(line -> assertThat(line).contains("\n"));
            var entries = api.audit.query(new AuditTrail.AuditQuery(null, null, null, null, 100)).stream()
                    .filter(entry -> entry.action() == AuditAction.AUTHENTICATION).toList();
            assertThat(entries).extracting(entry -> entry.actor().value())
                    .containsExactlyInAnyOrder("anonymous", "anonymous", "x9");
            assertThat(entries).allSatisfy(entry -> {
                assertThat(entry.outcome()).isEqualTo("unauthorized");
                assertThat(entry.toString()).doesNotContain(SECRET_TOKEN);
            });
        }
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(SECRET_TOKEN));
    }

    @Test
    void a_download_link_never_reaches_the_log_used_or_refused() {
        String link;
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();
            String patient = api.token("p1", "patient");
            String id = json(api.sendWith("/api/chat/attachments", "POST", patient, Map.of("Content-Type", "image/png"),
                    BodyPublishers.ofByteArray(AttachmentEndpointsTest.png(100)))).get("id").stringValue();
            String url = json(api.get("/api/chat/attachments/" + id + "/link", patient)).get("url").stringValue();
            link = url.substring(url.indexOf("link=") + 5);
            assertThat(api.get(url, null).statusCode()).isEqualTo(200);
            api.time.advance(java.time.Duration.ofMinutes(5));
            assertThat(api.get(url, null).statusCode()).isEqualTo(401);

            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .isEqualTo("request refused: unauthorized GET /api/chat/attachments/" + id));
        }
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains(link));
    }
}
