package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.application.breakglass.BreakGlassUseCase.OpenBreakGlass;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Over the socket: the care team hears of a break-glass access ({@code break_glass_opened}), and the clinician
 * who opened it reads the patient's conversation with {@code sync} but may not send into it.
 */
class BreakGlassEventsTest {
    private ChatServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void the_care_team_is_told_and_the_clinician_syncs_the_history_read_only() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").user("n1", "nurse").care("p1", "d1");
        TestClient doctor = server.connect("d1", "doctor");
        TestClient patient = server.connect("p1", "patient");
        TestClient nurse = server.connect("n1", "nurse");
        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "I feel faint"), "message_sent");
        String conversation = sent.get("message").get("conversationId").stringValue();
        Map<String, Object> sync = Map.of("conversationId", conversation, "afterSeq", 0);
        nurse.requestError("sync", sync, "NOT_FOUND");

        server.core.breakGlass().open(new OpenBreakGlass(Actor.of(UserId.of("n1"), Role.NURSE), UserId.of("p1"),
                "found unresponsive")).orThrow();

        JsonNode told = doctor.await("break_glass_opened");
        assertThat(told.get("by").stringValue()).isEqualTo("n1");
        assertThat(told.get("patientId").stringValue()).isEqualTo("p1");
        assertThat(told.get("reason").stringValue()).isEqualTo("found unresponsive");
        assertThat(told.get("until").stringValue()).isEqualTo("2026-11-22T11:00:00.000Z");
        JsonNode history = nurse.request("sync", sync, "sync_result");
        assertThat(history.get("messages").get(0).get("content").stringValue()).isEqualTo("I feel faint");
        nurse.requestError("send_message", Map.of("conversationId", conversation, "content", "hello"), "NOT_FOUND");
    }
}
