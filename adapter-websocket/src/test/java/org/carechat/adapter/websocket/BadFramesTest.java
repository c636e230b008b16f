package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.carechat.wire.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BadFramesTest {
    private ChatServer server;
    private TestClient patient;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
        patient = server.connect("p1", "patient");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode errorFor(String frame) {
        patient.sendRaw(frame);
        JsonNode reply = patient.next();
        assertThat(reply.get("event").stringValue()).as("answer to %s", frame).isEqualTo("error");
        return reply;
    }

    private static String code(JsonNode reply) {
        return reply.get("data").get("code").stringValue();
    }

    private void stillServes() {
        patient.request("send_message", Map.of("to", "d1", "content", "still open"), "message_sent");
    }

    @Test
    void a_frame_that_is_not_a_json_object_gets_bad_request_and_the_socket_stays_open() {
        for (String frame : new String[] {"hello", "{\"event\":", "[1,2]", "42", "\"send_message\"", "null", ""}) {
            JsonNode reply = errorFor(frame);
            assertThat(code(reply)).isEqualTo("BAD_REQUEST");
            assertThat(reply.has("re")).isFalse();
        }
        stillServes();
        assertThat(server.metrics.errors(ErrorCode.BAD_REQUEST)).isEqualTo(7);
    }

    @Test
    void an_unknown_event_gets_unknown_event_answering_its_id() {
        JsonNode reply = errorFor("{\"event\":\"send_money\",\"id\":\"u1\",\"data\":{}}");

        assertThat(code(reply)).isEqualTo("UNKNOWN_EVENT");
        assertThat(reply.get("re").stringValue()).isEqualTo("u1");
        assertThat(code(errorFor("{\"id\":\"u2\",\"data\":{}}"))).isEqualTo("BAD_REQUEST");
        assertThat(code(errorFor("{\"event\":7,\"id\":\"u3\"}"))).isEqualTo("BAD_REQUEST");
        stillServes();
    }

    @Test
    void missing_and_ill_typed_fields_get_bad_request_naming_the_field() {
        JsonNode missing = patient.requestError("mark_delivered", Map.of("conversationId", "c_1"), "BAD_REQUEST");
        JsonNode illTyped = patient.requestError("mark_delivered", Map.of("conversationId", "c_1", "upToSeq", "seven"), "BAD_REQUEST");
        patient.requestError("sync", Map.of("conversationId", "c_1"), "BAD_REQUEST");
        patient.requestError("edit_message", Map.of("messageId", "m_1"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "not an id!", "content", "x"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", 5), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", "x", "type", "telegram"), "BAD_REQUEST");
        patient.requestError("sync", Map.of("conversationId", "c_1", "afterSeq", 0, "limit", 0), "BAD_REQUEST");
        assertThat(code(errorFor("{\"event\":\"send_message\",\"id\":\"d\",\"data\":\"hello\"}"))).isEqualTo("BAD_REQUEST");

        assertThat(missing.get("message").stringValue()).isEqualTo("upToSeq is required");
        assertThat(illTyped.get("message").stringValue()).isEqualTo("upToSeq must be an integer");
        stillServes();
    }

    @Test
    void unknown_and_server_owned_fields_get_bad_request() {
        JsonNode unknown = patient.requestError("send_message", Map.of("to", "d1", "content", "x", "priority", "high"), "BAD_REQUEST");
        JsonNode seq = patient.requestError("send_message", Map.of("to", "d1", "content", "x", "seq", 99), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", "x", "createdAt", "2020-01-01T00:00:00Z"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", "x", "status", "read"), "BAD_REQUEST");
        JsonNode envelope = errorFor("{\"event\":\"send_message\",\"id\":\"e1\",\"data\":{\"to\":\"d1\",\"content\":\"x\"},\"sender\":\"d1\"}");

        assertThat(unknown.get("message").stringValue()).contains("priority");
        assertThat(seq.get("message").stringValue()).contains("seq", "server");
        assertThat(code(envelope)).isEqualTo("BAD_REQUEST");
        assertThat(envelope.get("re").stringValue()).isEqualTo("e1");
        stillServes();
    }

    @Test
    void blank_and_over_long_content_and_two_recipients_get_bad_request() {
        patient.requestError("send_message", Map.of("to", "d1", "content", "  \n\t "), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", "x".repeat(4001)), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "conversationId", "c_1", "content", "x"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("content", "to nobody"), "BAD_REQUEST");

        JsonNode longest = patient.request("send_message", Map.of("to", "d1", "content", "x".repeat(4000)), "message_sent");
        assertThat(longest.get("message").get("content").stringValue()).hasSize(4000);
    }

    @Test
    void an_id_longer_than_64_characters_is_refused_without_being_echoed() {
        JsonNode reply = errorFor("{\"event\":\"sync\",\"id\":\"" + "i".repeat(65) + "\",\"data\":{}}");

        assertThat(code(reply)).isEqualTo("BAD_REQUEST");
        assertThat(reply.has("re")).isFalse();
        assertThat(code(errorFor("{\"event\":\"sync\",\"id\":5,\"data\":{}}"))).isEqualTo("BAD_REQUEST");
        JsonNode longest = errorFor("{\"event\":\"sync\",\"id\":\"" + "i".repeat(64) + "\",\"data\":{}}");
        assertThat(longest.get("re").stringValue()).hasSize(64);
    }

    @Test
    void json_nested_deeper_than_64_levels_is_refused_before_it_is_read() {
        String depth64 = "{\"event\":\"sync\",\"id\":\"deep\",\"data\":" + "[".repeat(63) + "]".repeat(63) + "}";
        String depth65 = "{\"event\":\"sync\",\"id\":\"deep\",\"data\":" + "[".repeat(64) + "]".repeat(64) + "}";

        JsonNode tooDeep = errorFor(depth65);
        JsonNode deepButReadable = errorFor(depth64);

        assertThat(code(tooDeep)).isEqualTo("BAD_REQUEST");
        assertThat(tooDeep.get("data").get("message").stringValue()).contains("nesting depth 64");
        assertThat(deepButReadable.get("re").stringValue()).isEqualTo("deep");
        assertThat(deepButReadable.get("data").get("message").stringValue()).isEqualTo("data must be a JSON object");
        stillServes();
    }

    @Test
    void a_binary_frame_gets_bad_request() {
        patient.sendBinary(new byte[] {1, 2, 3});

        JsonNode reply = patient.next();
        assertThat(code(reply)).isEqualTo("BAD_REQUEST");
        stillServes();
    }

    @Test
    void a_single_frame_over_64_KiB_closes_the_socket_with_1009_before_it_is_buffered() throws Exception {
        try (RawSocket raw = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token("p1", "patient"))) {
            assertThat(raw.status()).isEqualTo(101);

            raw.sendTextFrame(new byte[64 * 1024 + 1]);

            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
        try (RawSocket raw = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token("p1", "patient"))) {
            raw.sendTextFrame(new byte[8 * 1024 * 1024]);

            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void a_frame_of_exactly_64_KiB_is_read_and_answered() throws Exception {
        String head = "{\"event\":\"send_message\",\"id\":\"big\",\"data\":{\"to\":\"d1\",\"content\":\"";
        String tail = "\"}}";
        String frame = head + "x".repeat(64 * 1024 - head.length() - tail.length()) + tail;
        assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        try (RawSocket raw = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token("p1", "patient"))) {
            raw.sendTextFrame(frame.getBytes(StandardCharsets.UTF_8));

            JsonNode reply = TestClient.JSON.readTree(raw.read().text());
            assertThat(reply.get("re").stringValue()).isEqualTo("big");
            assertThat(reply.get("data").get("code").stringValue()).isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    void a_message_over_64_KiB_sent_in_fragments_closes_the_socket_with_1009() {
        patient.sendRaw("{\"event\":\"send_message\",\"id\":\"f\",\"data\":{\"to\":\"d1\",\"content\":\"" + "é".repeat(40_000) + "\"}}");

        TestClient.Closed closed = patient.awaitClose();
        assertThat(closed.code()).isEqualTo(1009);
        server.awaitConnections(0);
    }
}
