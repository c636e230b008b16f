package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import org.carechat.domain.message.MessageRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Urgent messages over REST: the priority on send, the patient's notice header, the acknowledgement endpoint. */
class UrgentMessageEndpointsTest {
    private RestHarness api;
    private String patient;
    private String doctor;
    private String conversation;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        doctor = api.token("d1", "doctor");
        conversation = api.conversation("p1", "patient", "d1");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String token, String body) {
        return api.post("/api/chat/conversations/" + conversation + "/messages", token, body);
    }

    @Test
    void an_urgent_message_is_sent_with_a_notice_to_the_patient_and_acknowledged_by_the_doctor() {
        HttpResponse<String> sent = send(patient, "{\"content\":\"my wound is bleeding again\",\"priority\":\"urgent\"}");

        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(sent.headers().firstValue("CareChat-Notice")).contains(MessageRules.DEFAULT_URGENT_NOTICE);
        JsonNode message = json(sent);
        assertThat(message.get("priority").stringValue()).isEqualTo("urgent");
        assertThat(message.get("acknowledgements")).isEmpty();
        String id = message.get("id").stringValue();

        HttpResponse<String> acknowledged = api.post("/api/chat/messages/" + id + "/acknowledge", doctor, "");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        JsonNode after = json(acknowledged).get("acknowledgements");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("userId").stringValue()).isEqualTo("d1");
        assertThat(after.get(0).get("at").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        JsonNode history = json(api.get("/api/chat/conversations/" + conversation + "/messages", patient));
        assertThat(history.get("items").get(0).get("acknowledgements").get(0).get("userId").stringValue()).isEqualTo("d1");

        HttpResponse<String> fromDoctor = send(doctor, "{\"content\":\"coming\",\"priority\":\"urgent\"}");
        assertThat(fromDoctor.headers().firstValue("CareChat-Notice")).as("only patients are told").isEmpty();
        HttpResponse<String> routine = send(patient, "{\"content\":\"thanks\"}");
        assertThat(json(routine).get("priority").stringValue()).isEqualTo("routine");
        assertThat(json(routine).has("acknowledgements")).isFalse();
        assertThat(routine.headers().firstValue("CareChat-Notice")).isEmpty();
    }

    @Test
    void bad_priorities_and_acknowledgements_that_are_not_the_recipients_are_refused() {
        assertThat(send(patient, "{\"content\":\"x\",\"priority\":\"high\"}").statusCode()).isEqualTo(400);
        assertThat(send(patient, "{\"content\":\"x\",\"priority\":5}").statusCode()).isEqualTo(400);
        assertThat(send(patient, "{\"content\":\"x\",\"priority\":\"URGENT\"}").statusCode()).isEqualTo(400);
        String urgent = json(send(patient, "{\"content\":\"help\",\"priority\":\"urgent\"}")).get("id").stringValue();
        String routine = json(send(patient, "{\"content\":\"fine\"}")).get("id").stringValue();

        assertThat(api.post("/api/chat/messages/" + urgent + "/acknowledge", patient, "").statusCode()).as("own").isEqualTo(403);
        assertThat(api.post("/api/chat/messages/" + routine + "/acknowledge", doctor, "").statusCode()).isEqualTo(409);
        assertThat(api.post("/api/chat/messages/" + urgent + "/acknowledge", api.token("n1", "nurse"), "").statusCode())
                .as("not a participant").isEqualTo(404);
        assertThat(api.post("/api/chat/messages/m_nope/acknowledge", doctor, "").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/chat/messages/" + "m".repeat(300) + "/acknowledge", doctor, "").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/chat/messages/" + urgent + "/acknowledge", null, "").statusCode()).isEqualTo(401);
        assertThat(api.post("/api/chat/messages/" + urgent + "/acknowledge", api.admin(), "").statusCode()).isEqualTo(403);
        assertThat(api.post("/api/chat/messages/" + urgent + "/acknowledge?now=1", doctor, "").statusCode()).isEqualTo(400);
    }
}
