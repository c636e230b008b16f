package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CallsTest {
    private ChatServer server;
    private TestClient patient;
    private TestClient doctor;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
        doctor = server.connect("d1", "doctor");
        patient = server.connect("p1", "patient");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String ring() {
        JsonNode requested = patient.request("call_request", Map.of("to", "d1", "media", "video"), ClientEvents.CALL_REQUESTED);
        return requested.get("callId").stringValue();
    }

    @Test
    void a_call_request_without_id_still_tells_the_caller_its_call_id() {
        patient.tell("call_request", Map.of("to", "d1", "media", "audio"));

        JsonNode requested = patient.next();
        assertThat(requested.get("event").stringValue()).isEqualTo(ClientEvents.CALL_REQUESTED);
        assertThat(requested.has("re")).isFalse();
        String callId = requested.get("data").get("callId").stringValue();
        assertThat(doctor.await("incoming_call").get("callId").stringValue()).isEqualTo(callId);
        doctor.request("call_accept", Map.of("callId", callId), "ack");
        assertThat(patient.await("call_accepted").get("callId").stringValue()).isEqualTo(callId);
    }

    @Test
    void a_call_rings_is_accepted_relays_signals_verbatim_and_joins_the_conversation_when_it_ends() {
        JsonNode requested = patient.request("call_request", Map.of("to", "d1", "media", "video"), ClientEvents.CALL_REQUESTED);
        String callId = requested.get("callId").stringValue();
        JsonNode incoming = doctor.await("incoming_call");
        doctor.request("call_accept", Map.of("callId", callId), "ack");
        JsonNode accepted = patient.await("call_accepted");

        String offer = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\n\",\"extra\":[1,2.5,null,true,{\"a\":\"é\"}]}";
        patient.sendRaw("{\"event\":\"call_signal\",\"id\":\"s1\",\"data\":{\"callId\":\"" + callId + "\",\"signal\":" + offer + "}}");
        assertThat(patient.reply("s1").get("event").stringValue()).isEqualTo("ack");
        JsonNode relayed = doctor.await("call_signal");
        doctor.request("call_signal", Map.of("callId", callId, "signal", "candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host"), "ack");
        JsonNode answer = patient.await("call_signal");

        server.time.advance(Duration.ofSeconds(95));
        patient.request("call_end", Map.of("callId", callId), "ack");
        JsonNode ended = doctor.await("call_ended");
        JsonNode callMessage = doctor.await("new_message").get("message");

        assertThat(requested.get("conversationId").stringValue()).isEqualTo(incoming.get("conversationId").stringValue());
        assertThat(incoming.get("callId").stringValue()).isEqualTo(callId);
        assertThat(incoming.get("from").stringValue()).isEqualTo("p1");
        assertThat(incoming.get("media").stringValue()).isEqualTo("video");
        assertThat(accepted.get("callId").stringValue()).isEqualTo(callId);
        assertThat(relayed.get("callId").stringValue()).isEqualTo(callId);
        assertThat(relayed.get("from").stringValue()).isEqualTo("p1");
        assertThat(relayed.get("signal")).isEqualTo(TestClient.JSON.readTree(offer));
        assertThat(answer.get("signal").stringValue()).isEqualTo("candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host");
        assertThat(ended.get("callId").stringValue()).isEqualTo(callId);
        assertThat(ended.get("outcome").stringValue()).isEqualTo("completed");
        assertThat(ended.get("durationSeconds").longValue()).isEqualTo(95);
        assertThat(callMessage.get("type").stringValue()).isEqualTo("call");
        assertThat(callMessage.get("call").get("callId").stringValue()).isEqualTo(callId);
        assertThat(callMessage.get("call").get("media").stringValue()).isEqualTo("video");
        assertThat(callMessage.get("call").get("outcome").stringValue()).isEqualTo("completed");
        assertThat(callMessage.get("call").get("durationSeconds").longValue()).isEqualTo(95);
        JsonNode history = patient.request("sync", Map.of("conversationId", callMessage.get("conversationId").stringValue(),
                "afterSeq", 0), "sync_result");
        assertThat(history.get("messages")).extracting(m -> m.get("type").stringValue()).containsExactly("call");
        patient.assertNothingElseArrives();
    }

    @Test
    void an_unanswered_call_ends_as_missed_for_both_after_45_seconds() {
        String callId = ring();
        doctor.await("incoming_call");

        server.time.advance(Duration.ofSeconds(44));
        doctor.assertNothingElseArrives();
        patient.assertNothingElseArrives();
        server.time.advance(Duration.ofSeconds(1));

        for (TestClient party : List.of(patient, doctor)) {
            JsonNode ended = party.await("call_ended");
            assertThat(ended.get("callId").stringValue()).isEqualTo(callId);
            assertThat(ended.get("reason").stringValue()).isEqualTo("missed");
            JsonNode record = party.await("new_message").get("message");
            assertThat(record.get("call").get("outcome").stringValue()).isEqualTo("missed");
        }
        doctor.requestError("call_accept", Map.of("callId", callId), "NOT_FOUND");
    }

    @Test
    void a_rejected_call_tells_the_caller_with_the_reason() {
        String callId = ring();
        doctor.await("incoming_call");

        doctor.request("call_reject", Map.of("callId", callId, "reason", "in a consultation"), "ack");
        JsonNode rejected = patient.await("call_rejected");

        assertThat(rejected.get("callId").stringValue()).isEqualTo(callId);
        assertThat(rejected.get("by").stringValue()).isEqualTo("d1");
        assertThat(rejected.get("reason").stringValue()).isEqualTo("in a consultation");
        assertThat(patient.await("new_message").get("message").get("call").get("outcome").stringValue()).isEqualTo("rejected");
    }

    @Test
    void a_second_call_while_one_rings_is_a_conflict_and_bad_media_is_a_bad_request() {
        ring();

        patient.requestError("call_request", Map.of("to", "d1", "media", "audio"), "CONFLICT");
        patient.requestError("call_request", Map.of("to", "d1", "media", "hologram"), "BAD_REQUEST");
        patient.requestError("call_request", Map.of("to", "d1"), "BAD_REQUEST");
    }

    @Test
    void a_signal_over_16_KiB_is_refused_as_too_large_and_nothing_is_relayed() {
        String callId = ring();
        doctor.await("incoming_call");
        doctor.request("call_accept", Map.of("callId", callId), "ack");
        patient.await("call_accepted");

        JsonNode error = patient.requestError("call_signal", Map.of("callId", callId, "signal", "x".repeat(16 * 1024)),
                "PAYLOAD_TOO_LARGE");
        patient.requestError("call_signal", Map.of("callId", callId), "BAD_REQUEST");

        assertThat(error.get("message").stringValue()).contains("16384");
        doctor.assertNothingElseArrives();
    }
}
