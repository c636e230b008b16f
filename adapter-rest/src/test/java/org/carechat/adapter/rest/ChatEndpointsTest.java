package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.carechat.application.Actor;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChatEndpointsTest {
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
    void presence_is_answered_for_my_contacts_only() {
        api.core.openSession().open(Actor.of(UserId.of("d1"), Role.DOCTOR)).orThrow();

        HttpResponse<String> response = api.post("/api/chat/presence", patient, "{\"userIds\":[\"d1\",\"p2\",\"n1\"]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode states = json(response);
        assertThat(states.isArray()).isTrue();
        assertThat(states).singleElement().satisfies(state -> {
            assertThat(state.get("userId").stringValue()).isEqualTo("d1");
            assertThat(state.get("isOnline").booleanValue()).isTrue();
            assertThat(state.get("status").stringValue()).isEqualTo("available");
        });
    }

    @Test
    void contacts_are_my_care_relationships_with_presence_filtered_by_name_and_role() {
        JsonNode all = json(api.get("/api/chat/contacts", patient));
        JsonNode byName = json(api.get("/api/chat/contacts?query=ada", patient));
        JsonNode byRole = json(api.get("/api/chat/contacts?role=nurse", patient));
        JsonNode doctorsContacts = json(api.get("/api/chat/contacts", doctor));

        assertThat(all).singleElement().satisfies(person -> {
            assertThat(person.get("id").stringValue()).isEqualTo("d1");
            assertThat(person.get("name").stringValue()).isEqualTo("Dr. Ada Smith");
            assertThat(person.get("role").stringValue()).isEqualTo("doctor");
            assertThat(person.has("online")).isTrue();
        });
        assertThat(byName).hasSize(1);
        assertThat(byRole).isEmpty();
        assertThat(doctorsContacts).extracting(p -> p.get("id").stringValue()).containsExactlyInAnyOrder("p1", "p2");
    }

    @Test
    void search_finds_messages_of_my_conversations_newest_first() {
        String mine = api.conversation("p1", "patient", "d1");
        String theirs = api.conversation("p2", "patient", "d1");
        api.sendText(patient, mine, "fever since monday");
        api.time.advance(Duration.ofSeconds(5));
        api.sendText(doctor, mine, "how high is the fever?");
        api.sendText(api.token("p2", "patient"), theirs, "fever too");

        HttpResponse<String> response = api.get("/api/chat/search?query=fever", patient);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response)).extracting(m -> m.get("content").stringValue())
                .containsExactly("how high is the fever?", "fever since monday");
        assertThat(api.get("/api/chat/search?query=fever&limit=1", patient).body()).doesNotContain("monday");
        assertThat(api.get("/api/chat/search", patient).statusCode()).isEqualTo(422);
    }

    @Test
    void call_history_lists_the_calls_of_a_conversation() {
        String id = api.conversation("p1", "patient", "d1");
        Actor doctorActor = Actor.of(UserId.of("d1"), Role.DOCTOR);
        Actor patientActor = Actor.of(UserId.of("p1"), Role.PATIENT);
        // calls are made from open sessions (sockets), which the server watches: nobody connected ends a call
        api.core.openSession().open(doctorActor).orThrow();
        api.core.openSession().open(patientActor).orThrow();
        Call call = api.core.requestCall().requestCall(new RequestCall(doctorActor, ConversationId.of(id), null, CallMedia.VIDEO))
                .orThrow();
        api.core.answerCall().accept(new CallAction(patientActor, call.id(), null)).orThrow();
        api.time.advance(Duration.ofSeconds(90));
        api.core.answerCall().end(new CallAction(doctorActor, call.id(), null)).orThrow();

        HttpResponse<String> response = api.get("/api/chat/calls?conversationId=" + id, patient);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("items")).singleElement().satisfies(record -> {
            assertThat(record.get("callId").stringValue()).isEqualTo(call.id().value());
            assertThat(record.get("conversationId").stringValue()).isEqualTo(id);
            assertThat(record.get("media").stringValue()).isEqualTo("video");
            assertThat(record.get("durationSeconds").longValue()).isEqualTo(90);
        });
    }

    @Test
    void call_history_needs_a_conversation_id_that_is_an_id() {
        assertThat(api.get("/api/chat/calls", patient).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/chat/calls?conversationId=c%20x", patient).statusCode()).isEqualTo(400);
    }
}
