package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageEndpointsTest {
    private static final String THUMBS_UP = "\uD83D\uDC4D";
    private static final String THUMBS_UP_IN_PATH = "%F0%9F%91%8D";

    private RestHarness api;
    private String patient;
    private String doctor;
    private String messageId;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        doctor = api.token("d1", "doctor");
        String conversation = api.conversation("p1", "patient", "d1");
        messageId = api.sendText(patient, conversation, "My head hurts").get("id").stringValue();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_sender_edits_a_message_and_gets_it_back_edited() {
        api.time.advance(Duration.ofMinutes(2));

        HttpResponse<String> response = api.patch("/api/chat/messages/" + messageId, patient, "{\"content\":\"My head hurts a lot\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode message = json(response);
        assertThat(message.get("id").stringValue()).isEqualTo(messageId);
        assertThat(message.get("content").stringValue()).isEqualTo("My head hurts a lot");
        assertThat(message.get("editedAt").stringValue()).isEqualTo("2026-11-22T10:02:00.000Z");
    }

    @Test
    void nobody_but_the_sender_edits_or_deletes_and_nobody_edits_after_the_window() {
        assertThat(api.patch("/api/chat/messages/" + messageId, doctor, "{\"content\":\"changed\"}").statusCode()).isEqualTo(403);
        assertThat(api.delete("/api/chat/messages/" + messageId, doctor).statusCode()).isEqualTo(403);

        api.time.advance(Duration.ofMinutes(16));
        HttpResponse<String> late = api.patch("/api/chat/messages/" + messageId, patient, "{\"content\":\"changed\"}");
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(json(late).get("detail").stringValue()).contains("edit window");
    }

    @Test
    void the_sender_deletes_a_message_and_gets_its_tombstone() {
        HttpResponse<String> response = api.delete("/api/chat/messages/" + messageId, patient);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode tombstone = json(response);
        assertThat(tombstone.get("id").stringValue()).isEqualTo(messageId);
        assertThat(tombstone.get("deleted").booleanValue()).isTrue();
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("seq").longValue()).isEqualTo(1);
    }

    @Test
    void participants_add_and_remove_reactions() {
        HttpResponse<String> added = api.post("/api/chat/messages/" + messageId + "/reactions", doctor,
                "{\"emoji\":\"" + THUMBS_UP + "\"}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).get("reactions").get(THUMBS_UP)).extracting(JsonNode::stringValue).containsExactly("d1");

        HttpResponse<String> removed = api.delete("/api/chat/messages/" + messageId + "/reactions/" + THUMBS_UP_IN_PATH, doctor);

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("reactions").has(THUMBS_UP)).isFalse();
    }
}
