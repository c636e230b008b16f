package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.carechat.wire.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessagingTest {
    private ChatServer server;

    private ChatServer server() {
        return server(ChatServer.start());
    }

    private ChatServer server(ChatServer started) {
        server = started.user("p1", "patient").user("d1", "doctor").user("d2", "doctor").care("p1", "d1");
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_message_is_acknowledged_to_its_sending_socket_and_pushed_to_every_other_device_of_both_participants() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient patientTablet = server.connect("p1", "patient");
        TestClient doctorPhone = server.connect("d1", "doctor");
        TestClient doctorDesk = server.connect("d1", "doctor");
        assertThat(patient.await("user_status_change").get("userId").stringValue()).isEqualTo("d1");
        assertThat(patientTablet.await("user_status_change").get("isOnline").booleanValue()).isTrue();

        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "Hello doctor!"), "message_sent");

        JsonNode message = sent.get("message");
        assertThat(message.get("senderId").stringValue()).isEqualTo("p1");
        assertThat(message.get("seq").longValue()).isEqualTo(1);
        assertThat(message.get("type").stringValue()).isEqualTo("text");
        assertThat(message.get("content").stringValue()).isEqualTo("Hello doctor!");
        assertThat(message.get("status").stringValue()).isEqualTo("sent");
        String id = message.get("id").stringValue();
        for (TestClient other : List.of(doctorPhone, doctorDesk, patientTablet)) {
            assertThat(other.await("new_message").get("message").get("id").stringValue()).isEqualTo(id);
        }
        assertThat(patient.skipped()).as("the sending socket gets its reply, not new_message").isEmpty();
        patient.assertNothingElseArrives();
        assertThat(server.metrics.messagesSent()).isEqualTo(1);
        assertThat(server.metrics.deliveries()).isPositive();
    }

    @Test
    void a_receiver_sees_new_messages_in_seq_order_while_two_senders_send_at_once() {
        server(ChatServer.start(WebSocketSettings.standard(), ChatSettings.standard().withRateLimits(new RateLimits(
                new RateLimits.Budget(100_000, 100_000), RateLimits.DEFAULT_ADMINISTRATORS)), listener -> { }));
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        TestClient watcher = server.connect("d1", "doctor");
        String conversation = patient.request("send_message", Map.of("to", "d1", "content", "first"), "message_sent")
                .get("message").get("conversationId").stringValue();
        int each = 200;

        CompletableFuture<Void> fromPatient = CompletableFuture.runAsync(() -> IntStream.range(0, each).forEach(i ->
                patient.send("send_message", Map.of("conversationId", conversation, "content", "p " + i))));
        CompletableFuture<Void> fromDoctor = CompletableFuture.runAsync(() -> IntStream.range(0, each).forEach(i ->
                doctor.send("send_message", Map.of("conversationId", conversation, "content", "d " + i))));
        CompletableFuture.allOf(fromPatient, fromDoctor).join();

        List<Long> seen = new ArrayList<>();
        while (seen.size() < 1 + 2 * each) {
            seen.add(watcher.await("new_message").get("message").get("seq").longValue());
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + 2 * each).mapToObj(i -> (long) i).toList());
        // a sender's count goes up once its send returned, which may be just after the watcher got the message
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (server.metrics.messagesSent() < 1 + 2 * each && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.metrics.messagesSent()).isEqualTo(1 + 2 * each);
    }

    @Test
    void a_resent_client_message_id_answers_the_original_and_nobody_gets_a_second_copy() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        Map<String, String> data = Map.of("to", "d1", "content", "once", "clientMessageId", "7f1c-0001");

        JsonNode first = patient.request("send_message", data, "message_sent").get("message");
        JsonNode again = patient.request("send_message", data, "message_sent").get("message");

        assertThat(again.get("id").stringValue()).isEqualTo(first.get("id").stringValue());
        assertThat(again.get("clientMessageId").stringValue()).isEqualTo("7f1c-0001");
        doctor.await("new_message");
        doctor.assertNothingElseArrives();
        assertThat(server.metrics.messagesSent()).isEqualTo(1);
    }

    @Test
    void sync_returns_what_a_reconnecting_client_missed_in_pages() {
        server();
        TestClient patient = server.connect("p1", "patient");
        String conversation = null;
        for (String text : List.of("one", "two", "three")) {
            conversation = patient.request("send_message", Map.of("to", "d1", "content", text), "message_sent")
                    .get("message").get("conversationId").stringValue();
        }
        TestClient doctor = server.connect("d1", "doctor");

        JsonNode all = doctor.request("sync", Map.of("conversationId", conversation, "afterSeq", 1), "sync_result");
        JsonNode page = doctor.request("sync", Map.of("conversationId", conversation, "afterSeq", 0, "limit", 2), "sync_result");

        assertThat(all.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(all.get("messages")).extracting(m -> m.get("content").stringValue()).containsExactly("two", "three");
        assertThat(all.get("hasMore").booleanValue()).isFalse();
        assertThat(page.get("messages")).extracting(m -> m.get("seq").longValue()).containsExactly(1L, 2L);
        assertThat(page.get("hasMore").booleanValue()).isTrue();
    }

    @Test
    void delivery_and_read_receipts_reach_the_sender_and_a_read_tells_the_readers_other_devices() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        TestClient doctorTablet = server.connect("d1", "doctor");
        patient.request("send_message", Map.of("to", "d1", "content", "one"), "message_sent");
        String conversation = patient.request("send_message", Map.of("to", "d1", "content", "two"), "message_sent")
                .get("message").get("conversationId").stringValue();
        doctorTablet.await("new_message");
        doctorTablet.await("new_message");

        doctor.request("mark_delivered", Map.of("conversationId", conversation, "upToSeq", 1), "ack");
        JsonNode delivered = patient.await("messages_delivered");
        doctor.request("mark_read", Map.of("conversationId", conversation), "ack");
        JsonNode read = patient.await("messages_read");

        assertThat(delivered.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(delivered.get("userId").stringValue()).isEqualTo("d1");
        assertThat(delivered.get("upToSeq").longValue()).isEqualTo(1);
        assertThat(delivered.get("at").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(read.get("userId").stringValue()).isEqualTo("d1");
        assertThat(read.get("upToSeq").longValue()).isEqualTo(2);
        JsonNode updated = doctorTablet.await("conversation_updated").get("conversation");
        assertThat(updated.get("id").stringValue()).isEqualTo(conversation);
        assertThat(updated.get("unreadCount").longValue()).isZero();
        doctor.assertNothingElseArrives();
        // read implies delivered: a late delivery receipt moves nothing and tells nobody
        doctor.request("mark_delivered", Map.of("conversationId", conversation, "upToSeq", 2), "ack");
        patient.assertNothingElseArrives();
        JsonNode history = patient.request("sync", Map.of("conversationId", conversation, "afterSeq", 0), "sync_result");
        assertThat(history.get("messages")).extracting(m -> m.get("status").stringValue()).containsOnly("read");
    }

    @Test
    void receipts_may_name_the_last_message_they_cover_or_the_person_of_a_direct_conversation() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        JsonNode first = patient.request("send_message", Map.of("to", "d1", "content", "one"), "message_sent").get("message");
        JsonNode second = patient.request("send_message", Map.of("to", "d1", "content", "two"), "message_sent").get("message");
        doctor.await("new_message");
        doctor.await("new_message");

        doctor.request("mark_delivered", Map.of("messageId", first.get("id").stringValue()), "ack");
        JsonNode delivered = patient.await("messages_delivered");
        assertThat(delivered.get("upToSeq").longValue()).isEqualTo(1);
        doctor.request("mark_read", Map.of("messageId", first.get("id").stringValue()), "ack");
        assertThat(patient.await("messages_read").get("upToSeq").longValue()).isEqualTo(1);
        doctor.request("mark_read", Map.of("to", "p1"), "ack");
        assertThat(patient.await("messages_read").get("upToSeq").longValue()).isEqualTo(2);
        // reading up to a message already read moves nothing and tells nobody
        doctor.request("mark_read", Map.of("messageId", second.get("id").stringValue()), "ack");
        doctor.request("mark_read", Map.of("to", "p1", "upToSeq", 1), "ack");
        patient.assertNothingElseArrives();

        // one target, a message of one's own conversations, a person one has a conversation with
        doctor.requestError("mark_read", Map.of("conversationId", first.get("conversationId").stringValue(), "to", "p1"),
                "BAD_REQUEST");
        doctor.requestError("mark_read", Map.of(), "BAD_REQUEST");
        doctor.requestError("mark_read", Map.of("messageId", first.get("id").stringValue(), "upToSeq", 1), "BAD_REQUEST");
        doctor.requestError("mark_delivered", Map.of("messageId", first.get("id").stringValue(), "upToSeq", 1), "BAD_REQUEST");
        doctor.requestError("mark_read", Map.of("to", "d2"), "NOT_FOUND");
        doctor.requestError("mark_read", Map.of("to", 7), "BAD_REQUEST");
        doctor.requestError("mark_read", Map.of("messageId", "01NOSUCHMESSAGE"), "NOT_FOUND");
        TestClient stranger = server.connect("d2", "doctor");
        stranger.requestError("mark_read", Map.of("messageId", first.get("id").stringValue()), "NOT_FOUND");
        stranger.requestError("mark_delivered", Map.of("messageId", second.get("id").stringValue()), "NOT_FOUND");
        stranger.requestError("mark_read", Map.of("to", "p1"), "NOT_FOUND");
        patient.assertNothingElseArrives();
    }

    @Test
    void edits_deletions_and_reactions_reach_the_participants() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        JsonNode message = patient.request("send_message", Map.of("to", "d1", "content", "I feel dizzy"), "message_sent")
                .get("message");
        String id = message.get("id").stringValue();
        String conversation = message.get("conversationId").stringValue();
        doctor.await("new_message");

        patient.request("edit_message", Map.of("messageId", id, "content", "I feel dizzy since Monday"), "ack");
        JsonNode edited = doctor.await("message_edited").get("message");
        doctor.request("add_reaction", Map.of("messageId", id, "emoji", "👍"), "ack");
        JsonNode reacted = patient.await("message_reaction_updated");
        doctor.request("remove_reaction", Map.of("messageId", id, "emoji", "👍"), "ack");
        JsonNode unreacted = patient.await("message_reaction_updated");
        patient.request("delete_message", Map.of("messageId", id), "ack");
        JsonNode deleted = doctor.await("message_deleted");

        assertThat(edited.get("content").stringValue()).isEqualTo("I feel dizzy since Monday");
        assertThat(edited.get("editedAt").isNull()).isFalse();
        assertThat(reacted.get("messageId").stringValue()).isEqualTo(id);
        assertThat(reacted.get("reactions").get("👍")).extracting(JsonNode::stringValue).containsExactly("d1");
        assertThat(unreacted.get("reactions").isEmpty()).isTrue();
        assertThat(deleted.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(deleted.get("messageId").stringValue()).isEqualTo(id);
        // only the sender edits or deletes
        doctor.requestError("edit_message", Map.of("messageId", id, "content", "no"), "FORBIDDEN");
    }

    @Test
    void a_patient_cannot_message_a_doctor_without_a_care_relationship() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient stranger = server.connect("d2", "doctor");

        JsonNode error = patient.requestError("send_message", Map.of("to", "d2", "content", "hello?"), "FORBIDDEN");

        assertThat(error.get("message").stringValue()).isNotBlank();
        stranger.assertNothingElseArrives();
        assertThat(server.metrics.errors(ErrorCode.FORBIDDEN)).isEqualTo(1);
    }

    @Test
    void a_send_without_id_still_tells_the_sending_socket_message_sent_without_re() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patient.await("user_status_change");

        patient.tell("send_message", Map.of("to", "d1", "content", "no id on this one"));

        JsonNode sent = patient.next();
        assertThat(sent.get("event").stringValue()).isEqualTo("message_sent");
        assertThat(sent.has("re")).isFalse();
        JsonNode message = sent.get("data").get("message");
        assertThat(message.get("seq").longValue()).isEqualTo(1);
        JsonNode delivered = doctor.await("new_message").get("message");
        assertThat(message.get("id").stringValue()).isEqualTo(delivered.get("id").stringValue());
        patient.assertNothingElseArrives();
    }

    @Test
    void a_frame_without_id_gets_no_bare_ack_when_it_succeeds_but_an_error_when_it_fails() {
        server();
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patient.await("user_status_change");
        String conversation = patient.request("send_message", Map.of("to", "d1", "content", "hello"), "message_sent")
                .get("message").get("conversationId").stringValue();
        doctor.await("new_message");

        patient.tell("typing_start", Map.of("conversationId", conversation));
        doctor.await("typing_start");
        patient.tell("send_message", Map.of("to", "d1", "content", "   "));
        JsonNode error = patient.next();

        assertThat(error.get("event").stringValue()).isEqualTo("error");
        assertThat(error.has("re")).isFalse();
        assertThat(error.get("data").get("code").stringValue()).isEqualTo("BAD_REQUEST");
        patient.assertNothingElseArrives();
    }
}
