package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessagingTest {
    private ChatServer server;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_message_is_acknowledged_to_its_sender_and_pushed_to_the_recipient() {
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");

        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "Hello doctor!"), "message_sent");

        JsonNode message = sent.get("message");
        assertThat(message.get("senderId").stringValue()).isEqualTo("p1");
        assertThat(message.get("seq").longValue()).isEqualTo(1);
        assertThat(message.get("content").stringValue()).isEqualTo("Hello doctor!");
        JsonNode pushed = doctor.await("new_message").get("message");
        assertThat(pushed.get("id").stringValue()).isEqualTo(message.get("id").stringValue());
    }
}
