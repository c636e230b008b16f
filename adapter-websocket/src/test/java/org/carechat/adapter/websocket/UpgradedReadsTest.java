package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An open socket's bytes go to Tyrus past the HTTP codec, and the codec's request of the handshake is let go
 * (ListenerAddOn.UpgradedReads): no open socket keeps it, and frames of any size still arrive whole, in order.
 */
class UpgradedReadsTest {
    private ChatServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void no_open_socket_keeps_its_handshake_request_and_frames_still_arrive_whole_and_in_order() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patient.await("user_status_change");

        assertThat(server.adapter.upgradedHoldingTheirHandshake()).as("right after the handshakes").isZero();

        // small frames and frames of 7.8 KB, back to back, so that reads hold several frames and frames span reads
        List<String> texts = List.of("hello", "é".repeat(3_900), "second", "ü".repeat(3_900), "last");
        for (String text : texts) {
            patient.tell("send_message", Map.of("to", "d1", "content", text));
        }
        for (String text : texts) {
            JsonNode delivered = doctor.await("new_message").get("message");
            assertThat(delivered.get("content").stringValue()).isEqualTo(text);
        }
        JsonNode answer = doctor.request("send_message", Map.of("to", "p1", "content", "got them"), "message_sent");
        assertThat(answer.get("message").get("seq").longValue()).isEqualTo(texts.size() + 1);
        assertThat(patient.await("new_message").get("message").get("content").stringValue()).isEqualTo("got them");
        assertThat(server.adapter.upgradedHoldingTheirHandshake()).as("after frames both ways").isZero();

        patient.close();
        doctor.close();
    }
}
