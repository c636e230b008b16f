package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The defects an adversarial probe found, each tried again through the doors a client uses: a real WebSocket
 * client and a real HTTP client against the standalone server, on a clock the test moves.
 */
class HardeningEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** {@code "hi \ud800"} as a client writes it on the wire: a valid JSON escape of a lone surrogate. */
    private static final String LONE_SURROGATE = "hi \\ud800";

    private ManualTime time;
    private TestServer test;

    @BeforeEach
    void start() {
        time = new ManualTime(Instant.parse("2026-11-22T10:00:00Z"));
        test = TestServer.start(Map.of(), time);
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void a_lone_surrogate_is_refused_at_every_door_and_the_recipient_goes_on_receiving() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            String conversation = openConversation("p1", "d1");
            patient.send("{\"event\":\"send_message\",\"id\":\"s1\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"" + LONE_SURROGATE + "\"}}");
            JsonNode refused = patient.awaitReply("s1");
            assertThat(refused.path("event").asString()).isEqualTo("error");
            assertThat(refused.path("data").path("code").asString()).isEqualTo("BAD_REQUEST");
            assertThat(refused.path("data").path("message").asString()).contains("not well-formed Unicode");

            HttpResponse<String> overRest = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                    "{\"content\":\"" + LONE_SURROGATE + "\"}");
            assertThat(overRest.statusCode()).isEqualTo(422);

            patient.send("{\"event\":\"send_message\",\"id\":\"s2\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"fine now\"}}");
            String messageId = patient.awaitReply("s2").path("data").path("message").path("id").asString();
            JsonNode delivered = doctor.awaitEvent("new_message").path("data").path("message");
            assertThat(delivered.path("content").asString()).isEqualTo("fine now");
            assertThat(delivered.path("seq").asLong()).as("nothing was stored for the refused sends").isEqualTo(1);

            patient.send("{\"event\":\"edit_message\",\"id\":\"e1\",\"data\":{\"messageId\":\"" + messageId
                    + "\",\"content\":\"" + LONE_SURROGATE + "\"}}");
            assertThat(patient.awaitReply("e1").path("data").path("code").asString()).isEqualTo("BAD_REQUEST");

            patient.send("{\"event\":\"call_request\",\"id\":\"c1\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"media\":\"audio\"}}");
            String callId = patient.awaitReply("c1").path("data").path("callId").asString();
            patient.send("{\"event\":\"call_signal\",\"id\":\"g1\",\"data\":{\"callId\":\"" + callId
                    + "\",\"signal\":{\"sdp\":\"" + LONE_SURROGATE + "\"}}}");
            assertThat(patient.awaitReply("g1").path("data").path("code").asString()).isEqualTo("BAD_REQUEST");
            assertThat(doctor.receivesNothingLike(frame -> "call_signal".equals(frame.path("event").asString()),
                    Duration.ofMillis(200))).isTrue();

            patient.send("{\"event\":\"send_message\",\"id\":\"s3\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"and after all that\"}}");
            patient.awaitReply("s3");
            assertThat(doctor.await(frame -> "new_message".equals(frame.path("event").asString())
                    && frame.path("data").path("message").path("seq").asLong() == 2)).isNotNull();
        }
    }

    @Test
    void revoking_care_ends_a_live_call_for_both_sides_and_later_signals_are_refused() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            String callId = answeredCall(patient, doctor);

            HttpResponse<String> revoked = test.send("DELETE",
                    "/api/admin/care-relationships?patientId=p1&clinicianId=d1", "admin", null);
            assertThat(revoked.statusCode()).isEqualTo(200);

            for (WsClient side : List.of(patient, doctor)) {
                JsonNode ended = side.awaitEvent("call_ended").path("data");
                assertThat(ended.path("callId").asString()).isEqualTo(callId);
                assertThat(ended.path("reason").asString()).isEqualTo("care_ended");
            }
            doctor.send("{\"event\":\"call_signal\",\"id\":\"g2\",\"data\":{\"callId\":\"" + callId
                    + "\",\"signal\":{\"type\":\"answer\"}}}");
            assertThat(doctor.awaitReply("g2").path("data").path("code").asString()).isEqualTo("NOT_FOUND");
            patient.send("{\"event\":\"call_request\",\"id\":\"c9\",\"data\":{\"to\":\"d1\",\"media\":\"audio\"}}");
            assertThat(patient.awaitReply("c9").path("data").path("code").asString()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void a_relationship_that_expires_during_a_call_ends_it_when_it_expires() throws Exception {
        restartWith(Map.of());
        String until = time.instant().plus(Duration.ofMinutes(20)).toString();
        assertThat(test.send("PUT", "/api/admin/care-relationships", "admin",
                "{\"patientId\":\"p1\",\"clinicianId\":\"d1\",\"validUntil\":\"" + until + "\"}").statusCode())
                .isEqualTo(200);
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            String callId = answeredCall(patient, doctor);

            time.advance(Duration.ofMinutes(20));

            for (WsClient side : List.of(patient, doctor)) {
                JsonNode ended = side.awaitEvent("call_ended").path("data");
                assertThat(ended.path("callId").asString()).isEqualTo(callId);
                assertThat(ended.path("reason").asString()).isEqualTo("care_ended");
                assertThat(ended.path("durationSeconds").asLong()).isEqualTo(20 * 60);
            }
        }
    }

    @Test
    void a_call_ends_at_the_longest_a_call_may_last() throws Exception {
        restartWith(Map.of(Option.CALL_MAX_DURATION, "30m"));
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            String callId = answeredCall(patient, doctor);

            time.advance(Duration.ofMinutes(30));

            JsonNode ended = patient.awaitEvent("call_ended").path("data");
            assertThat(ended.path("callId").asString()).isEqualTo(callId);
            assertThat(ended.path("reason").asString()).isEqualTo("max_duration");
            assertThat(ended.path("outcome").asString()).isEqualTo("completed");
        }
    }

    @Test
    void an_answered_call_whose_two_sockets_are_gone_is_ended_after_the_grace_period() throws Exception {
        String callId;
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            callId = answeredCall(patient, doctor);
        }
        awaitOffline("p1", "d1");
        time.advance(Duration.ofSeconds(31));

        try (WsClient patient = test.connect("p1")) {
            patient.send("{\"event\":\"call_request\",\"id\":\"c2\",\"data\":{\"to\":\"d1\",\"media\":\"video\"}}");
            JsonNode reply = patient.awaitReply("c2");
            assertThat(reply.path("event").asString()).as("no call is stuck in the conversation").isEqualTo("call_requested");
            assertThat(reply.path("data").path("callId").asString()).isNotEqualTo(callId);
        }
        HttpResponse<String> history = test.get("/api/chat/calls?conversationId=" + openConversation("p1", "d1"), "p1");
        assertThat(JSON.readTree(history.body()).path("items").get(0).path("outcome").asString()).isEqualTo("completed");
    }

    @Test
    void a_call_record_shows_nothing_as_read_that_its_caller_never_opened() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            doctor.send("{\"event\":\"send_message\",\"id\":\"m1\",\"data\":{\"to\":\"p1\",\"content\":\"Your results\"}}");
            doctor.awaitReply("m1");
            patient.awaitEvent("new_message");
            String callId = answeredCall(patient, doctor);
            patient.send("{\"event\":\"call_end\",\"id\":\"e1\",\"data\":{\"callId\":\"" + callId + "\"}}");
            patient.awaitReply("e1");
            doctor.await(frame -> "new_message".equals(frame.path("event").asString())
                    && "call".equals(frame.path("data").path("message").path("type").asString()));

            assertThat(doctor.receivesNothingLike(frame -> "messages_read".equals(frame.path("event").asString()),
                    Duration.ofMillis(300))).isTrue();
            HttpResponse<String> page = test.get("/api/chat/conversations/" + openConversation("d1", "p1")
                    + "/messages", "d1");
            JsonNode results = JSON.readTree(page.body()).path("items").get(1);
            assertThat(results.path("content").asString()).isEqualTo("Your results");
            assertThat(results.path("status").asString()).isEqualTo("sent");
        }
    }

    @Test
    void a_client_message_id_reused_in_another_conversation_is_a_conflict_naming_the_original() throws Exception {
        String withDoctor = openConversation("p1", "d1");
        String withNurse = openConversation("p1", "n1");
        HttpResponse<String> first = test.send("POST", "/api/chat/conversations/" + withDoctor + "/messages", "p1",
                "{\"content\":\"for the doctor\",\"clientMessageId\":\"k-1\"}");
        String originalId = JSON.readTree(first.body()).path("id").asString();

        HttpResponse<String> reused = test.send("POST", "/api/chat/conversations/" + withNurse + "/messages", "p1",
                "{\"content\":\"for the nurse\",\"clientMessageId\":\"k-1\"}");
        HttpResponse<String> nowhere = test.send("POST", "/api/chat/conversations/c_nothing/messages", "p1",
                "{\"content\":\"for nobody\",\"clientMessageId\":\"k-1\"}");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(reused.body()).path("detail").asString()).contains(originalId).contains(withDoctor);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        HttpResponse<String> nurseHistory = test.get("/api/chat/conversations/" + withNurse + "/messages", "n1");
        assertThat(JSON.readTree(nurseHistory.body()).path("items")).isEmpty();
    }

    @Test
    void a_valid_token_for_someone_the_directory_does_not_know_is_refused_at_both_doors() throws Exception {
        HttpResponse<String> rest = test.get("/api/chat/conversations", "p_unknown");
        Throwable upgrade = WsClient.refusal(test.ws(null), Map.of("Authorization", "Bearer " + test.token("p_unknown")));

        assertThat(rest.statusCode()).isEqualTo(401);
        assertThat(upgrade).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
        HttpResponse<String> admin = test.get("/api/admin/audit?userId=p_unknown", "admin");
        assertThat(admin.statusCode()).as("an admin outside the directory still works").isEqualTo(200);
        assertThat(JSON.readTree(admin.body()).path("items")).extracting(entry -> entry.path("action").asString())
                .containsOnly("authentication");
    }

    @Test
    void the_directory_role_wins_over_the_role_a_token_claims() throws Exception {
        HttpRequestAs patientClaimingAdmin = new HttpRequestAs("p1", "admin");

        HttpResponse<String> admin = patientClaimingAdmin.get("/api/admin/audit");

        assertThat(admin.statusCode()).isEqualTo(403);
    }

    @Test
    void presence_is_no_longer_shown_between_two_people_once_their_care_ended() throws Exception {
        try (WsClient doctor = test.connect("d1")) {
            String conversation = openConversation("p1", "d1");
            assertThat(presenceOf("p1", "d1")).hasSize(1);

            test.send("DELETE", "/api/admin/care-relationships?patientId=p1&clinicianId=d1", "admin", null);

            assertThat(presenceOf("p1", "d1")).isEmpty();
            JsonNode view = JSON.readTree(test.get("/api/chat/conversations/" + conversation, "p1").body());
            assertThat(view.path("canSend").asBoolean()).isFalse();
            for (JsonNode person : view.path("participants")) {
                if (person.path("id").asString().equals("d1")) {
                    assertThat(person.path("online").asBoolean()).isFalse();
                    assertThat(person.path("lastSeen").isNull()).isTrue();
                }
            }
        }
    }

    @Test
    void searches_name_what_they_exposed_and_contacts_presence_and_unread_counts_are_audited() throws Exception {
        String conversation = openConversation("p1", "d1");
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                "{\"content\":\"my knee hurts\"}");
        String messageId = JSON.readTree(sent.body()).path("id").asString();

        test.get("/api/chat/search?query=knee", "d1");
        test.get("/api/chat/contacts", "d1");
        test.send("POST", "/api/chat/presence", "d1", "{\"userIds\":[\"p1\"]}");
        test.get("/api/chat/unread-count", "d1");

        JsonNode trail = JSON.readTree(test.get("/api/admin/audit?userId=d1", "admin").body()).path("items");
        assertThat(entry(trail, "message_search").path("targets")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("conversation:" + conversation, "message:" + messageId);
        assertThat(entry(trail, "contacts_read").path("targets")).extracting(JsonNode::asString).contains("user:p1");
        assertThat(entry(trail, "presence_read").path("targets")).extracting(JsonNode::asString).containsExactly("user:p1");
        assertThat(entry(trail, "unread_count_read").path("targets")).extracting(JsonNode::asString)
                .containsExactly("conversation:" + conversation);
    }

    @Test
    void rest_requests_and_socket_frames_of_one_user_spend_one_budget() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            // the upgrade of the patient's socket spent one request of the burst of 40
            for (int i = 0; i < 39; i++) {
                assertThat(test.get("/api/chat/unread-count", "p1").statusCode()).as("request %d", i).isEqualTo(200);
            }

            HttpResponse<String> limited = test.get("/api/chat/unread-count", "p1");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(limited.body()).path("code").asString()).isEqualTo("RATE_LIMITED");
            patient.send("{\"event\":\"send_message\",\"id\":\"r1\",\"data\":{\"to\":\"d1\",\"content\":\"hello\"}}");
            JsonNode refused = patient.awaitReply("r1");
            assertThat(refused.path("data").path("code").asString()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("data").path("retryAfterMs").asLong()).isEqualTo(50);
            doctor.send("{\"event\":\"send_message\",\"id\":\"r2\",\"data\":{\"to\":\"p1\",\"content\":\"hello\"}}");
            assertThat(doctor.awaitReply("r2").path("event").asString()).as("the doctor's budget is their own")
                    .isEqualTo("message_sent");
        }
    }

    // --- helpers

    /** A server whose sockets stay quiet for hours without being pinged or closed, while the test moves time. */
    private void restartWith(Map<Option, String> options) {
        test.close();
        Map<Option, String> all = new java.util.EnumMap<>(Option.class);
        all.put(Option.PING_INTERVAL, "5h");
        all.put(Option.IDLE_TIMEOUT, "10h");
        all.putAll(options);
        test = TestServer.start(all, time);
    }

    private String answeredCall(WsClient caller, WsClient callee) throws InterruptedException {
        caller.send("{\"event\":\"call_request\",\"id\":\"call\",\"data\":{\"to\":\"d1\",\"media\":\"video\"}}");
        String callId = caller.awaitReply("call").path("data").path("callId").asString();
        callee.awaitEvent("incoming_call");
        callee.send("{\"event\":\"call_accept\",\"id\":\"accept\",\"data\":{\"callId\":\"" + callId + "\"}}");
        callee.awaitReply("accept");
        caller.awaitEvent("call_accepted");
        return callId;
    }

    private String openConversation(String user, String with) throws Exception {
        HttpResponse<String> opened = test.send("POST", "/api/chat/conversations", user, "{\"participantId\":\"" + with + "\"}");
        assertThat(opened.statusCode()).isIn(200, 201);
        return JSON.readTree(opened.body()).path("id").asString();
    }

    private JsonNode presenceOf(String asker, String whom) throws Exception {
        HttpResponse<String> response = test.send("POST", "/api/chat/presence", asker, "{\"userIds\":[\"" + whom + "\"]}");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitOffline(String... users) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (String user : users) {
            while (test.server.core().ports().presence().find(org.carechat.domain.user.UserId.of(user)).isOnline()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(user + " is still online");
                }
                Thread.sleep(10);
            }
        }
    }

    private static JsonNode entry(JsonNode trail, String action) {
        for (JsonNode entry : trail) {
            if (action.equals(entry.path("action").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " entry in " + trail);
    }

    /** Requests with a token whose role claim is chosen by the test. */
    private final class HttpRequestAs {
        private final String token;

        HttpRequestAs(String user, String claimedRole) {
            this.token = test.token(user, claimedRole);
        }

        HttpResponse<String> get(String path) throws Exception {
            return test.http.send(java.net.http.HttpRequest.newBuilder(test.http(path)).GET()
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
