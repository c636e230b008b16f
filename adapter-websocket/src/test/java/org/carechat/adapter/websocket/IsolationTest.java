package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ids of conversations, messages and calls one does not take part in answer exactly like ids that do not exist. */
class IsolationTest {
    private ChatServer server;
    private TestClient patient;
    private TestClient doctor;
    private TestClient otherPatient;
    private String conversation;
    private String message;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("p2", "patient").user("d1", "doctor")
                .care("p1", "d1").care("p2", "d1");
        doctor = server.connect("d1", "doctor");
        patient = server.connect("p1", "patient");
        doctor.await("user_status_change");
        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "my lab results worry me"), "message_sent")
                .get("message");
        conversation = sent.get("conversationId").stringValue();
        message = sent.get("id").stringValue();
        doctor.await("new_message");
        otherPatient = server.connect("p2", "patient");
        doctor.await("user_status_change");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends each request twice, with the real foreign id and with an id that exists nowhere: both answers must be identical. */
    private void answersLikeNothing(String foreign, String random, Map<String, Function<String, Map<String, Object>>> requests) {
        requests.forEach((event, data) -> {
            JsonNode withForeign = otherPatient.requestError(event, data.apply(foreign), "NOT_FOUND");
            JsonNode withRandom = otherPatient.requestError(event, data.apply(random), "NOT_FOUND");
            assertThat(withForeign).as(event).isEqualTo(withRandom);
        });
    }

    @Test
    void another_patients_conversation_answers_not_found_exactly_like_a_random_id() {
        Map<String, Function<String, Map<String, Object>>> requests = new LinkedHashMap<>();
        requests.put("sync", id -> Map.of("conversationId", id, "afterSeq", 0));
        requests.put("mark_read", id -> Map.of("conversationId", id));
        requests.put("mark_delivered", id -> Map.of("conversationId", id, "upToSeq", 1));
        requests.put("typing_start", id -> Map.of("conversationId", id));
        requests.put("typing_stop", id -> Map.of("conversationId", id));
        requests.put("send_message", id -> Map.of("conversationId", id, "content", "let me in"));
        requests.put("call_request", id -> Map.of("conversationId", id, "media", "audio"));

        answersLikeNothing(conversation, "c_01JDZZZZZZZZZZZZZZZZZZZZZZ", requests);

        patient.assertNothingElseArrives();
        doctor.assertNothingElseArrives();
    }

    @Test
    void another_patients_message_answers_not_found_exactly_like_a_random_id() {
        Map<String, Function<String, Map<String, Object>>> requests = new LinkedHashMap<>();
        requests.put("edit_message", id -> Map.of("messageId", id, "content", "changed"));
        requests.put("delete_message", id -> Map.of("messageId", id));
        requests.put("add_reaction", id -> Map.of("messageId", id, "emoji", "👎"));
        requests.put("remove_reaction", id -> Map.of("messageId", id, "emoji", "👎"));

        answersLikeNothing(message, "01JDZZZZZZZZZZZZZZZZZZZZZZ", requests);

        patient.assertNothingElseArrives();
        doctor.assertNothingElseArrives();
    }

    @Test
    void another_patients_call_answers_not_found_exactly_like_a_random_id() {
        String call = patient.request("call_request", Map.of("conversationId", conversation, "media", "video"),
                ClientEvents.CALL_REQUESTED).get("callId").stringValue();
        doctor.await("incoming_call");
        Map<String, Function<String, Map<String, Object>>> requests = new LinkedHashMap<>();
        requests.put("call_signal", id -> Map.of("callId", id, "signal", Map.of("type", "offer", "sdp", "v=0")));
        requests.put("call_accept", id -> Map.of("callId", id));
        requests.put("call_reject", id -> Map.of("callId", id));
        requests.put("call_end", id -> Map.of("callId", id));

        answersLikeNothing(call, "call_01JDZZZZZZZZZZZZZZZZZZZZZZ", requests);

        doctor.request("call_accept", Map.of("callId", call), "ack");
        patient.await("call_accepted");
        doctor.assertNothingElseArrives();
    }

    @Test
    void nothing_of_a_conversation_reaches_someone_outside_it() {
        patient.request("typing_start", Map.of("conversationId", conversation), "ack");
        doctor.await("typing_start");
        doctor.request("send_message", Map.of("conversationId", conversation, "content", "your results are fine"), "message_sent");
        patient.await("new_message");
        patient.request("mark_read", Map.of("conversationId", conversation), "ack");
        doctor.await("messages_read");
        doctor.request("add_reaction", Map.of("messageId", message, "emoji", "❤"), "ack");
        patient.await("message_reaction_updated");
        String call = patient.request("call_request", Map.of("to", "d1", "media", "audio"), ClientEvents.CALL_REQUESTED)
                .get("callId").stringValue();
        doctor.await("incoming_call");
        doctor.request("call_accept", Map.of("callId", call), "ack");
        patient.request("call_signal", Map.of("callId", call, "signal", Map.of("sdp", "v=0")), "ack");
        doctor.await("call_signal");
        doctor.request("call_end", Map.of("callId", call), "ack");
        patient.await("call_ended");
        assertThat(patient.await("new_message").get("message").get("type").stringValue()).isEqualTo("call");

        otherPatient.assertNothingElseArrives();
        otherPatient.requestError("send_message", Map.of("to", "p1", "content", "hi neighbour"), "FORBIDDEN");
        patient.assertNothingElseArrives();
    }
}
