package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carechat.application.SessionId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConversationEndpointsTest {
    private RestHarness api;
    private String patient;
    private String doctor;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        doctor = api.token("d1", "doctor");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void opening_a_conversation_answers_201_with_a_location_the_first_time_and_200_after() {
        HttpResponse<String> created = api.post("/api/chat/conversations", patient, "{\"participantId\":\"d1\"}");
        HttpResponse<String> again = api.post("/api/chat/conversations", patient, "{\"participantId\":\"d1\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("id").stringValue();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/chat/conversations/" + id);
        assertThat(json(created).get("participants")).extracting(p -> p.get("id").stringValue())
                .containsExactlyInAnyOrder("p1", "d1");
        assertThat(json(created).get("canSend").booleanValue()).isTrue();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").stringValue()).isEqualTo(id);
    }

    @Test
    void opening_a_conversation_without_a_care_relationship_is_forbidden() {
        HttpResponse<String> response = api.post("/api/chat/conversations", api.token("p1", "patient"),
                "{\"participantId\":\"n1\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("code").stringValue()).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_participant_gets_one_conversation_as_the_resource_itself() {
        String id = api.conversation("p1", "patient", "d1");

        HttpResponse<String> response = api.get("/api/chat/conversations/" + id, doctor);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode conversation = json(response);
        assertThat(conversation.get("id").stringValue()).isEqualTo(id);
        assertThat(conversation.has("items")).isFalse();
        assertThat(conversation.get("lastMessage").isNull()).isTrue();
        assertThat(conversation.get("unreadCount").intValue()).isZero();
    }

    @Test
    void listing_conversations_pages_with_a_cursor_pinned_first_then_most_recent() {
        String withP1 = api.conversation("d1", "doctor", "p1");
        api.time.advance(Duration.ofMinutes(1));
        String withP2 = api.conversation("d1", "doctor", "p2");
        api.time.advance(Duration.ofMinutes(1));
        api.sendText(doctor, withP1, "Results are in");

        JsonNode first = json(api.get("/api/chat/conversations?limit=1", doctor));
        JsonNode second = json(api.get("/api/chat/conversations?limit=1&cursor=" + first.get("nextCursor").stringValue(), doctor));

        assertThat(first.get("items")).extracting(c -> c.get("id").stringValue()).containsExactly(withP1);
        assertThat(first.get("nextCursor").isString()).isTrue();
        assertThat(second.get("items")).extracting(c -> c.get("id").stringValue()).containsExactly(withP2);
        assertThat(second.get("nextCursor").isNull()).isTrue();

        api.put("/api/chat/conversations/" + withP2 + "/pin", doctor, "{\"pinned\":true}");
        JsonNode all = json(api.get("/api/chat/conversations", doctor));
        assertThat(all.get("items")).extracting(c -> c.get("id").stringValue()).containsExactly(withP2, withP1);
    }

    @Test
    void listing_conversations_filters_unread_and_pinned_and_searches_by_name() {
        String withP1 = api.conversation("d1", "doctor", "p1");
        String withP2 = api.conversation("d1", "doctor", "p2");
        api.sendText(patient, withP1, "Hello doctor");
        api.put("/api/chat/conversations/" + withP2 + "/pin", doctor, "{\"pinned\":true}");

        assertThat(json(api.get("/api/chat/conversations?filter=unread", doctor)).get("items"))
                .extracting(c -> c.get("id").stringValue()).containsExactly(withP1);
        assertThat(json(api.get("/api/chat/conversations?filter=pinned", doctor)).get("items"))
                .extracting(c -> c.get("id").stringValue()).containsExactly(withP2);
        assertThat(json(api.get("/api/chat/conversations?filter=all&search=pia", doctor)).get("items"))
                .extracting(c -> c.get("id").stringValue()).containsExactly(withP2);
    }

    @Test
    void sending_answers_201_with_the_message_and_its_location_and_fans_out_like_the_socket() {
        String id = api.conversation("p1", "patient", "d1");
        List<ChatEvent> doctorSees = new CopyOnWriteArrayList<>();
        api.notifier.subscribe(UserId.of("d1"), new SessionId("d1-phone"), doctorSees::add);

        HttpResponse<String> response = api.post("/api/chat/conversations/" + id + "/messages", patient,
                "{\"content\":\"Hello doctor!\",\"clientMessageId\":\"7f1c\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode message = json(response);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/chat/messages/" + message.get("id").stringValue());
        assertThat(message.get("conversationId").stringValue()).isEqualTo(id);
        assertThat(message.get("senderId").stringValue()).isEqualTo("p1");
        assertThat(message.get("seq").longValue()).isEqualTo(1);
        assertThat(message.get("type").stringValue()).isEqualTo("text");
        assertThat(message.get("content").stringValue()).isEqualTo("Hello doctor!");
        assertThat(message.get("status").stringValue()).isEqualTo("sent");
        assertThat(message.get("createdAt").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(doctorSees).singleElement().isInstanceOf(ChatEvent.MessageCreated.class);
        assertThat(api.metrics.messagesSent()).isEqualTo(1);
    }

    @Test
    void resending_a_known_client_message_id_answers_200_with_the_original_and_stores_nothing_new() {
        String id = api.conversation("p1", "patient", "d1");
        JsonNode original = json(api.post("/api/chat/conversations/" + id + "/messages", patient,
                "{\"content\":\"Hello doctor!\",\"clientMessageId\":\"k-1\"}"));

        HttpResponse<String> replay = api.post("/api/chat/conversations/" + id + "/messages", patient,
                "{\"content\":\"Hello doctor!\",\"clientMessageId\":\"k-1\"}");

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay).get("id").stringValue()).isEqualTo(original.get("id").stringValue());
        assertThat(json(api.get("/api/chat/conversations/" + id + "/messages", patient)).get("items")).hasSize(1);
        assertThat(api.metrics.messagesSent()).isEqualTo(1);
    }

    @Test
    void a_message_that_breaks_a_content_rule_is_unprocessable() {
        String id = api.conversation("p1", "patient", "d1");

        HttpResponse<String> blank = api.post("/api/chat/conversations/" + id + "/messages", patient, "{\"content\":\"   \"}");
        HttpResponse<String> callType = api.post("/api/chat/conversations/" + id + "/messages", patient,
                "{\"type\":\"call\",\"content\":\"x\"}");

        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(json(blank).get("code").stringValue()).isEqualTo("INVALID");
        assertThat(callType.statusCode()).isEqualTo(422);
    }

    @Test
    void marking_read_answers_the_conversation_and_clears_the_unread_count() {
        String id = api.conversation("p1", "patient", "d1");
        api.sendText(patient, id, "one");
        api.sendText(patient, id, "two");
        api.sendText(patient, id, "three");

        JsonNode before = json(api.get("/api/chat/unread-count", doctor));
        JsonNode partly = json(api.put("/api/chat/conversations/" + id + "/read", doctor, "{\"upToSeq\":2}"));
        HttpResponse<String> all = api.send("/api/chat/conversations/" + id + "/read", "PUT", doctor, null, null);
        JsonNode after = json(api.get("/api/chat/unread-count", doctor));

        assertThat(before.get("total").longValue()).isEqualTo(3);
        assertThat(before.get("byConversation").get(id).longValue()).isEqualTo(3);
        assertThat(partly.get("id").stringValue()).isEqualTo(id);
        assertThat(partly.get("unreadCount").longValue()).isEqualTo(1);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(json(all).get("unreadCount").longValue()).isZero();
        assertThat(after.get("total").longValue()).isZero();
        assertThat(after.get("byConversation").isEmpty()).isTrue();
    }

    @Test
    void muting_and_pinning_answer_the_conversation_and_a_muted_conversation_leaves_the_unread_total() {
        String id = api.conversation("p1", "patient", "d1");
        api.sendText(patient, id, "are you there?");

        JsonNode muted = json(api.put("/api/chat/conversations/" + id + "/mute", doctor, "{\"muted\":true}"));
        JsonNode pinned = json(api.put("/api/chat/conversations/" + id + "/pin", doctor, "{\"pinned\":true}"));
        JsonNode unread = json(api.get("/api/chat/unread-count", doctor));
        JsonNode unmuted = json(api.put("/api/chat/conversations/" + id + "/mute", doctor, "{\"muted\":false}"));

        assertThat(muted.get("id").stringValue()).isEqualTo(id);
        assertThat(muted.get("muted").booleanValue()).isTrue();
        assertThat(pinned.get("pinned").booleanValue()).isTrue();
        assertThat(pinned.get("muted").booleanValue()).isTrue();
        assertThat(unread.get("total").longValue()).isZero();
        assertThat(unread.get("byConversation").get(id).longValue()).isEqualTo(1);
        assertThat(unmuted.get("muted").booleanValue()).isFalse();
        assertThat(json(api.get("/api/chat/conversations/" + id, patient)).get("muted").booleanValue())
                .as("mute is per user").isFalse();
    }

    @Test
    void after_the_care_relationship_is_revoked_history_stays_readable_but_sending_is_forbidden() {
        String id = api.conversation("p1", "patient", "d1");
        api.sendText(patient, id, "before");
        api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", api.admin());

        HttpResponse<String> send = api.post("/api/chat/conversations/" + id + "/messages", patient, "{\"content\":\"after\"}");
        HttpResponse<String> history = api.get("/api/chat/conversations/" + id + "/messages", patient);

        assertThat(send.statusCode()).isEqualTo(403);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(json(history).get("items")).hasSize(1);
        assertThat(json(api.get("/api/chat/conversations/" + id, patient)).get("canSend").booleanValue()).isFalse();
    }
}
