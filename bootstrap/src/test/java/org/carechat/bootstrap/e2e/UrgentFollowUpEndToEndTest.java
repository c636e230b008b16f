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
 * The standalone server follows up an urgent message nobody acknowledges: the doctor's socket gets
 * {@code urgent_reminder} after CHAT_URGENT_REMIND_AFTER, the patient's nurse (in care with her, not in the
 * conversation) {@code urgent_escalated} after CHAT_URGENT_ESCALATE_AFTER more, both steps in the audit trail; on the
 * default store the steps survive a restart. Time is the test's ({@link ManualTime}), so nothing waits minutes.
 */
class UrgentFollowUpEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String sendUrgent(TestServer test, String conversation, String text) throws Exception {
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                "{\"content\":\"" + text + "\",\"priority\":\"urgent\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return json(sent).path("id").asString();
    }

    private static boolean forMessage(JsonNode frame, String event, String messageId) {
        return event.equals(frame.path("event").asString()) && messageId.equals(frame.path("data").path("messageId").asString());
    }

    @Test
    void the_doctor_is_reminded_then_the_nurse_is_told_and_the_trail_records_both() throws Exception {
        ManualTime time = new ManualTime(Instant.parse("2026-12-03T09:00:00Z"));
        try (TestServer test = TestServer.start(Map.of(Option.URGENT_REMIND_AFTER, "2m",
                Option.URGENT_ESCALATE_AFTER, "3m"), time);
             WsClient doctor = test.connect("d1"); WsClient nurse = test.connect("n1"); WsClient patient = test.connect("p1")) {
            String conversation = json(test.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}"))
                    .path("id").asString();
            String urgent = sendUrgent(test, conversation, "I fainted twice today");
            doctor.awaitEvent("new_message");

            time.advance(Duration.ofMinutes(2));
            JsonNode reminder = doctor.await(frame -> forMessage(frame, "urgent_reminder", urgent)).path("data");
            assertThat(reminder.path("conversationId").asString()).isEqualTo(conversation);
            assertThat(reminder.path("senderId").asString()).isEqualTo("p1");
            patient.await(frame -> forMessage(frame, "urgent_reminder", urgent));
            assertThat(nurse.receivesNothingLike(frame -> frame.path("event").asString().startsWith("urgent_"),
                    Duration.ofMillis(200))).as("the nurse hears nothing of the reminder").isTrue();

            // looked for every 24 s (a fifth of the shorter interval): the escalation, due at 5 min, goes at the look after
            time.advance(Duration.ofMinutes(3).plusSeconds(24));
            JsonNode escalated = nurse.await(frame -> forMessage(frame, "urgent_escalated", urgent)).path("data");
            assertThat(escalated.path("patientId").asString()).isEqualTo("p1");
            assertThat(escalated.path("escalatedTo").toString()).isEqualTo("[\"n1\"]");
            assertThat(escalated.toString()).as("ids only").doesNotContain("fainted");
            patient.await(frame -> forMessage(frame, "urgent_escalated", urgent));

            JsonNode message = json(test.get("/api/chat/conversations/" + conversation + "/messages?limit=1", "p1"))
                    .path("items").get(0);
            assertThat(message.path("followUp").asString()).isEqualTo("escalated");
            JsonNode trail = json(test.get("/api/admin/audit?target=message:" + urgent, "admin")).path("items");
            assertThat(trail.toString()).contains("\"urgent_remind\"").contains("\"urgent_escalate\"").contains("user:n1")
                    .contains("carechat:urgent");
        }
    }

    @Test
    void on_the_default_store_a_restart_loses_no_step() throws Exception {
        ManualTime time = new ManualTime(Instant.parse("2026-12-03T09:00:00Z"));
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, data.toString());
        String conversation;
        String urgent;
        try (TestServer first = TestServer.start(options, time, true)) {
            conversation = json(first.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}"))
                    .path("id").asString();
            urgent = sendUrgent(first, conversation, "my wound is bleeding through");
            time.advance(Duration.ofMinutes(5));
            try (WsClient doctor = first.connect("d1")) {
                // the reminder went out before he connected: he finds it on the message
                assertThat(json(first.get("/api/chat/conversations/" + conversation + "/messages?limit=1", "d1"))
                        .path("items").get(0).path("followUp").asString()).isEqualTo("reminded");
            }
        }

        ManualTime later = new ManualTime(time.instant().plus(Duration.ofMinutes(5)));
        try (TestServer second = TestServer.start(options, later, false); WsClient nurse = second.connect("n1")) {
            later.advance(Duration.ofSeconds(30));
            nurse.await(frame -> forMessage(frame, "urgent_escalated", urgent));
            JsonNode trail = json(second.get("/api/admin/audit?target=message:" + urgent, "admin")).path("items");
            assertThat(trail.findValuesAsString("action")).as("each step once, across the restart")
                    .containsOnlyOnce("urgent_remind", "urgent_escalate");
        }
    }
}
