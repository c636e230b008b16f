package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone server on its default store, with CHAT_RETENTION set: an admin holds Pat's records over REST, the
 * purge (on the server's timers) turns Sam's old message into a tombstone and leaves Pat's; the hold outlives a
 * restart, and once it is lifted Pat's message goes too. Time is the test's ({@link ManualTime}).
 */
class RetentionEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private Map<Option, String> options() {
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, data.toString());
        options.put(Option.RETENTION, "1d");
        return options;
    }

    private static String send(TestServer test, String from, String to, String text) throws Exception {
        String conversation = json(test.send("POST", "/api/chat/conversations", from, "{\"participantId\":\"" + to + "\"}"))
                .path("id").asString();
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", from,
                "{\"content\":\"" + text + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return conversation;
    }

    private static JsonNode newest(TestServer test, String conversation, String reader) throws Exception {
        return json(test.get("/api/chat/conversations/" + conversation + "/messages?limit=1", reader)).path("items").get(0);
    }

    @Test
    void a_hold_keeps_what_the_purge_takes_across_a_restart_until_it_is_lifted() throws Exception {
        ManualTime time = new ManualTime(Instant.parse("2026-12-03T09:00:00Z"));
        String pats;
        String sams;
        String holdId;
        try (TestServer first = TestServer.start(options(), time, true)) {
            pats = send(first, "p1", "d1", "my biopsy result");
            sams = send(first, "p2", "d1", "my rash is back");
            HttpResponse<String> held = first.send("POST", "/api/admin/legal-holds", "admin",
                    "{\"patientId\":\"p1\",\"reason\":\"claim 2026-114\"}");
            assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
            holdId = json(held).path("id").asString();

            // the purge looks every 10 minutes: a day and ten minutes on, Sam's message is past the day
            time.advance(Duration.ofDays(1).plusMinutes(10));

            JsonNode samsMessage = newest(first, sams, "p2");
            assertThat(samsMessage.path("deleted").asBoolean()).isTrue();
            assertThat(samsMessage.path("content").isNull()).isTrue();
            assertThat(newest(first, pats, "p1").path("content").asString()).isEqualTo("my biopsy result");
            assertThat(json(first.get("/api/admin/audit?target=conversation:" + sams, "admin")).toString())
                    .contains("\"message_purge\"").contains("carechat:retention").doesNotContain("rash");
        }

        ManualTime later = new ManualTime(time.instant().plus(Duration.ofHours(2)));
        try (TestServer second = TestServer.start(options(), later, false)) {
            later.advance(Duration.ofMinutes(10));
            assertThat(newest(second, pats, "p1").path("content").asString()).as("held across the restart")
                    .isEqualTo("my biopsy result");
            assertThat(json(second.get("/api/admin/legal-holds?active=true", "admin")).toString()).contains(holdId);

            assertThat(second.send("DELETE", "/api/admin/legal-holds/" + holdId, "admin", null).statusCode()).isEqualTo(200);
            later.advance(Duration.ofMinutes(10));

            assertThat(newest(second, pats, "p1").path("deleted").asBoolean()).as("purged once lifted").isTrue();
        }
    }
}
