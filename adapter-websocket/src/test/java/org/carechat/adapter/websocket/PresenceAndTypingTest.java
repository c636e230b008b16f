package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PresenceAndTypingTest {
    private ChatServer server;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("p2", "patient").user("d1", "doctor").care("p1", "d1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String conversationOf(TestClient patient, TestClient doctor) {
        String conversation = patient.request("send_message", Map.of("to", "d1", "content", "hello"), "message_sent")
                .get("message").get("conversationId").stringValue();
        doctor.await("new_message");
        return conversation;
    }

    @Test
    void typing_reaches_the_other_participant_and_expires_after_six_seconds_without_renewal() {
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        String conversation = conversationOf(patient, doctor);

        patient.request("typing_start", Map.of("conversationId", conversation), "ack");
        JsonNode started = doctor.await("typing_start");
        server.time.advance(Duration.ofSeconds(5));
        doctor.assertNothingElseArrives();
        server.time.advance(Duration.ofSeconds(1));
        JsonNode stopped = doctor.await("typing_stopped");

        assertThat(started.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(started.get("userId").stringValue()).isEqualTo("p1");
        assertThat(stopped.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(stopped.get("userId").stringValue()).isEqualTo("p1");
        patient.assertNothingElseArrives();
    }

    @Test
    void typing_stop_is_told_at_once_and_typing_may_name_the_person_instead_of_the_conversation() {
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        String conversation = conversationOf(patient, doctor);

        doctor.request("typing_start", Map.of("to", "p1"), "ack");
        patient.await("typing_start");
        doctor.request("typing_stop", Map.of("to", "p1"), "ack");
        JsonNode stopped = patient.await("typing_stopped");

        assertThat(stopped.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(stopped.get("userId").stringValue()).isEqualTo("d1");
        server.time.advance(Duration.ofSeconds(7));
        patient.assertNothingElseArrives();
    }

    @Test
    void a_contact_sees_a_user_come_online_with_the_first_device_and_go_offline_with_the_last() {
        TestClient doctor = server.connect("d1", "doctor");
        TestClient phone = server.connect("p1", "patient");
        JsonNode online = doctor.await("user_status_change");
        TestClient laptop = server.connect("p1", "patient");
        doctor.assertNothingElseArrives();

        phone.close();
        doctor.assertNothingElseArrives();
        server.time.advance(Duration.ofMinutes(3));
        laptop.close();
        JsonNode offline = doctor.await("user_status_change");

        assertThat(online.get("userId").stringValue()).isEqualTo("p1");
        assertThat(online.get("isOnline").booleanValue()).isTrue();
        assertThat(online.get("status").stringValue()).isEqualTo("available");
        assertThat(offline.get("userId").stringValue()).isEqualTo("p1");
        assertThat(offline.get("isOnline").booleanValue()).isFalse();
        assertThat(offline.get("lastSeen").stringValue()).isEqualTo("2026-11-22T10:03:00.000Z");
    }

    @Test
    void a_dropped_connection_closes_its_presence_too() {
        TestClient doctor = server.connect("d1", "doctor");
        TestClient patient = server.connect("p1", "patient");
        doctor.await("user_status_change");

        patient.abort();

        JsonNode offline = doctor.await("user_status_change");
        assertThat(offline.get("isOnline").booleanValue()).isFalse();
        assertThat(server.registry.connectionCount()).isEqualTo(1);
    }

    @Test
    void a_status_change_reaches_online_contacts_only() {
        TestClient doctor = server.connect("d1", "doctor");
        TestClient outsider = server.connect("p2", "patient");
        TestClient patient = server.connect("p1", "patient");
        doctor.await("user_status_change");

        patient.request("set_status", Map.of("status", "busy"), "ack");
        JsonNode busy = doctor.await("user_status_change");
        JsonNode error = patient.requestError("set_status", Map.of("status", "sleeping"), "BAD_REQUEST");

        assertThat(busy.get("userId").stringValue()).isEqualTo("p1");
        assertThat(busy.get("status").stringValue()).isEqualTo("busy");
        assertThat(busy.get("isOnline").booleanValue()).isTrue();
        assertThat(error.get("message").stringValue()).contains("available", "busy", "away");
        outsider.assertNothingElseArrives();
    }

    @Test
    void typing_to_someone_without_a_conversation_is_not_found() {
        TestClient patient = server.connect("p1", "patient");

        patient.requestError("typing_start", Map.of("to", "p2"), "NOT_FOUND");
        patient.requestError("typing_start", Map.of("conversationId", "c_1", "to", "d1"), "BAD_REQUEST");
    }
}
