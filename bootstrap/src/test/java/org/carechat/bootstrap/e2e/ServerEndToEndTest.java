package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carechat.adapter.inmemory.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone server as users meet it: both doors on one port, with time under the test's control so
 * typing expiry and call ring timeouts can be watched without waiting.
 */
class ServerEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    private String openConversation(String user, String with) throws Exception {
        HttpResponse<String> opened = test.send("POST", "/api/chat/conversations", user, "{\"participantId\":\"" + with + "\"}");
        assertThat(opened.statusCode()).isIn(200, 201);
        return JSON.readTree(opened.body()).path("id").asString();
    }

    @Test
    void a_message_sent_over_rest_reaches_every_socket_like_one_sent_over_websocket() throws Exception {
        try (WsClient doctor = test.connect("d1"); WsClient patientPhone = test.connect("p1")) {
            String conversation = openConversation("p1", "d1");

            HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                    "{\"content\":\"Sent from the web app\",\"clientMessageId\":\"web-1\"}");
            assertThat(sent.statusCode()).isEqualTo(201);

            JsonNode atDoctor = doctor.awaitEvent("new_message").path("data").path("message");
            JsonNode atPhone = patientPhone.awaitEvent("new_message").path("data").path("message");
            assertThat(atDoctor.path("content").asString()).isEqualTo("Sent from the web app");
            assertThat(atDoctor.path("seq").asLong()).isEqualTo(1);
            assertThat(atPhone.path("id").asString()).isEqualTo(atDoctor.path("id").asString());
        }
    }

    @Test
    void reading_over_rest_tells_the_senders_socket_and_the_readers_other_devices() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctorTablet = test.connect("d1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"m1\",\"data\":{\"to\":\"d1\",\"content\":\"Is my result in?\"}}");
            JsonNode sent = patient.awaitReply("m1").path("data").path("message");
            String conversation = sent.path("conversationId").asString();
            doctorTablet.awaitEvent("new_message");

            HttpResponse<String> read = test.send("PUT", "/api/chat/conversations/" + conversation + "/read", "d1", "{}");
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("unreadCount").asLong()).isZero();

            JsonNode receipt = patient.awaitEvent("messages_read").path("data");
            assertThat(receipt.path("userId").asString()).isEqualTo("d1");
            assertThat(receipt.path("upToSeq").asLong()).isEqualTo(1);
            JsonNode updated = doctorTablet.awaitEvent("conversation_updated").path("data").path("conversation");
            assertThat(updated.path("unreadCount").asLong()).isZero();
        }
    }

    @Test
    void typing_expires_after_six_seconds_without_renewal() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            String conversation = openConversation("p1", "d1");
            patient.send("{\"event\":\"typing_start\",\"id\":\"t1\",\"data\":{\"conversationId\":\"" + conversation + "\"}}");
            patient.awaitReply("t1");
            assertThat(doctor.awaitEvent("typing_start").path("data").path("userId").asString()).isEqualTo("p1");

            time.advance(Duration.ofSeconds(5));
            assertThat(doctor.receivesNothingLike(f -> "typing_stopped".equals(f.path("event").asString()),
                    Duration.ofMillis(300))).isTrue();
            time.advance(Duration.ofSeconds(1));
            assertThat(doctor.awaitEvent("typing_stopped").path("data").path("conversationId").asString()).isEqualTo(conversation);
        }
    }

    @Test
    void the_whole_call_flow_and_a_missed_call_after_forty_five_seconds() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            patient.send("{\"event\":\"call_request\",\"id\":\"c1\",\"data\":{\"to\":\"d1\",\"media\":\"video\"}}");
            String callId = patient.awaitReply("c1").path("data").path("callId").asString();
            assertThat(doctor.awaitEvent("incoming_call").path("data").path("callId").asString()).isEqualTo(callId);

            doctor.send("{\"event\":\"call_accept\",\"id\":\"a1\",\"data\":{\"callId\":\"" + callId + "\"}}");
            doctor.awaitReply("a1");
            patient.awaitEvent("call_accepted");
            patient.send("{\"event\":\"call_signal\",\"data\":{\"callId\":\"" + callId + "\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}");
            assertThat(doctor.awaitEvent("call_signal").path("data").path("signal").path("sdp").asString()).isEqualTo("v=0");
            time.advance(Duration.ofSeconds(90));
            doctor.send("{\"event\":\"call_end\",\"id\":\"e1\",\"data\":{\"callId\":\"" + callId + "\"}}");
            doctor.awaitReply("e1");
            JsonNode ended = patient.awaitEvent("call_ended").path("data");
            assertThat(ended.path("outcome").asString()).isEqualTo("completed");
            JsonNode record = patient.await(f -> "new_message".equals(f.path("event").asString())
                    && "call".equals(f.path("data").path("message").path("type").asString())).path("data").path("message");
            assertThat(record.path("call").path("durationSeconds").asLong()).isEqualTo(90);

            patient.send("{\"event\":\"call_request\",\"id\":\"c2\",\"data\":{\"to\":\"d1\",\"media\":\"audio\"}}");
            String missedId = patient.awaitReply("c2").path("data").path("callId").asString();
            time.advance(Duration.ofSeconds(45));
            assertThat(patient.await(f -> "call_ended".equals(f.path("event").asString())
                    && missedId.equals(f.path("data").path("callId").asString())).path("data").path("reason").asString())
                    .isEqualTo("missed");
            assertThat(doctor.await(f -> "call_ended".equals(f.path("event").asString())
                    && missedId.equals(f.path("data").path("callId").asString()))).isNotNull();
        }
    }

    @Test
    void a_client_offering_an_http2_upgrade_gets_a_plain_http_1_1_answer_with_its_body_read() throws Exception {
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(test.http("/api/chat/conversations"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + test.token("p1"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"participantId\":\"d1\"}")).build();

        HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void health_metrics_and_the_openapi_document_share_the_port() throws Exception {
        HttpResponse<String> health = test.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asString()).isEqualTo("UP");

        try (WsClient patient = test.connect("p1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"m\",\"data\":{\"to\":\"d1\",\"content\":\"hi\"}}");
            patient.awaitReply("m");
            HttpResponse<String> metrics = test.get("/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("carechat_connections 1").contains("carechat_messages_sent_total 1");
        }
        assertThat(test.get("/api/openapi.json", null).body()).contains("\"openapi\"");
    }

    @Test
    void shutting_down_closes_every_socket_with_1001_after_what_was_acknowledged_is_stored() throws Exception {
        WsClient patient = test.connect("p1");
        WsClient doctor = test.connect("d1");
        patient.send("{\"event\":\"send_message\",\"id\":\"m\",\"data\":{\"to\":\"d1\",\"content\":\"before shutdown\"}}");
        String conversation = patient.awaitReply("m").path("data").path("message").path("conversationId").asString();

        test.server.close();

        assertThat(patient.awaitClose()).isEqualTo(1001);
        assertThat(doctor.awaitClose()).isEqualTo(1001);
        assertThat(test.server.core().ports().messages()
                .after(org.carechat.domain.conversation.ConversationId.of(conversation), 0, 10)).hasSize(1);
    }
}
