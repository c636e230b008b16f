package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carechat.domain.message.MessageRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Urgent messages over the socket: priority on send, the patient's notice, acknowledge_message and its event. */
class UrgentMessagesTest {
    private ChatServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_doctor_acknowledges_an_urgent_message_and_the_patient_learns_it() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");

        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "my chest hurts", "priority", "urgent"),
                "message_sent");
        assertThat(sent.get("notice").stringValue()).isEqualTo(MessageRules.DEFAULT_URGENT_NOTICE);
        JsonNode arrived = doctor.await("new_message").get("message");
        assertThat(arrived.get("priority").stringValue()).isEqualTo("urgent");
        String id = arrived.get("id").stringValue();

        JsonNode reply = doctor.request("acknowledge_message", Map.of("messageId", id), "message_acknowledged");
        assertThat(reply.get("by").stringValue()).isEqualTo("d1");
        assertThat(reply.get("at").stringValue()).as("the server's record").isEqualTo("2026-11-22T10:00:00.000Z");

        JsonNode acknowledged = patient.await("message_acknowledged");
        assertThat(acknowledged.get("messageId").stringValue()).isEqualTo(id);
        assertThat(acknowledged.get("by").stringValue()).isEqualTo("d1");
        assertThat(acknowledged.get("at").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        patient.requestError("acknowledge_message", Map.of("messageId", id), "FORBIDDEN");
        doctor.requestError("acknowledge_message", Map.of(), "BAD_REQUEST");
        doctor.requestError("acknowledge_message", Map.of("messageId", id, "at", "now"), "BAD_REQUEST");
        patient.requestError("send_message", Map.of("to", "d1", "content", "x", "priority", "critical"), "BAD_REQUEST");
        JsonNode routine = doctor.request("send_message", Map.of("to", "p1", "content", "on my way"), "message_sent");
        assertThat(routine.has("notice")).isFalse();
        assertThat(routine.get("message").get("priority").stringValue()).isEqualTo("routine");
    }
}
