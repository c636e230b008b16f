package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/chat/break-glass} and {@code GET /api/admin/break-glass}: Nina, a nurse not in care with Pat,
 * reads Pat's conversation with Dr. Smith after stating a reason, read-only; admins list it for review.
 */
class BreakGlassEndpointsTest {
    private RestHarness api;
    private String nurse;
    private String conversation;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        nurse = api.token("n1", "nurse");
        conversation = api.conversation("p1", "patient", "d1");
        api.sendText(api.token("p1", "patient"), conversation, "allergic to penicillin");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> open(String token, String body) {
        return api.post("/api/chat/break-glass", token, body);
    }

    @Test
    void with_a_reason_the_history_opens_read_only_and_the_access_is_listed_for_review() {
        String history = "/api/chat/conversations/" + conversation + "/messages";
        assertThat(api.get(history, nurse).statusCode()).as("before").isEqualTo(404);

        HttpResponse<String> opened = open(nurse, "{\"patientId\":\"p1\",\"reason\":\"Pat collapsed in the ward\"}");

        assertThat(opened.statusCode()).isEqualTo(201);
        JsonNode grant = json(opened);
        assertThat(grant.get("clinicianId").stringValue()).isEqualTo("n1");
        assertThat(grant.get("patientId").stringValue()).isEqualTo("p1");
        assertThat(grant.get("reason").stringValue()).isEqualTo("Pat collapsed in the ward");
        assertThat(grant.get("until").stringValue()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(grant.get("conversationIds").get(0).stringValue()).isEqualTo(conversation);
        HttpResponse<String> read = api.get(history, nurse);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("allergic to penicillin");
        assertThat(api.post(history, nurse, "{\"content\":\"hello\"}").statusCode()).as("read-only").isEqualTo(404);

        JsonNode items = json(api.get("/api/admin/break-glass", api.admin())).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("clinicianId").stringValue()).isEqualTo("n1");
        assertThat(items.get(0).get("patientId").stringValue()).isEqualTo("p1");
        assertThat(items.get(0).get("reason").stringValue()).isEqualTo("Pat collapsed in the ward");
        assertThat(items.get(0).get("until").stringValue()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(items.get(0).get("outcome").stringValue()).isEqualTo("ok");
        assertThat(json(api.get("/api/admin/break-glass?patientId=p1", api.admin())).get("items")).hasSize(1);
        assertThat(json(api.get("/api/admin/break-glass?patientId=p2", api.admin())).get("items")).isEmpty();
        assertThat(api.get("/api/admin/break-glass?patientId=" + "p".repeat(300), api.admin()).statusCode()).isEqualTo(400);
        JsonNode reads = json(api.get("/api/admin/audit?target=via:break_glass", api.admin())).get("items");
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).get("action").stringValue()).isEqualTo("history_read");
        assertThat(reads.get(0).get("actor").stringValue()).isEqualTo("n1");
    }

    @Test
    void without_a_reason_or_by_anyone_but_a_clinician_not_in_care_it_is_refused() {
        assertThat(open(nurse, "{\"patientId\":\"p1\"}").statusCode()).isEqualTo(422);
        assertThat(open(nurse, "{\"patientId\":\"p1\",\"reason\":\"  \"}").statusCode()).isEqualTo(422);
        assertThat(open(nurse, "{\"patientId\":\"p1\",\"reason\":\"" + "x".repeat(501) + "\"}").statusCode()).isEqualTo(422);
        assertThat(open(api.token("p2", "patient"), "{\"patientId\":\"p1\",\"reason\":\"curious\"}").statusCode()).isEqualTo(403);
        assertThat(open(api.admin(), "{\"patientId\":\"p1\",\"reason\":\"audit\"}").statusCode()).isEqualTo(403);
        assertThat(open(api.token("d1", "doctor"), "{\"patientId\":\"p1\",\"reason\":\"mine\"}").statusCode()).isEqualTo(409);
        assertThat(open(nurse, "{\"patientId\":\"d1\",\"reason\":\"not a patient\"}").statusCode()).isEqualTo(404);
        assertThat(open(nurse, "{\"patientId\":\"nobody\",\"reason\":\"unknown\"}").statusCode()).isEqualTo(404);
        assertThat(open(null, "{\"patientId\":\"p1\",\"reason\":\"anonymous\"}").statusCode()).isEqualTo(401);

        assertThat(open(nurse, "{\"patientId\":\"p1\",\"reason\":\"ok\",\"until\":\"2030-01-01T00:00:00Z\"}").statusCode())
                .as("a field the server owns").isEqualTo(400);
        assertThat(open(nurse, "{\"patientId\":42,\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(open(nurse, "{\"patientId\":\"p1\",\"reason\":").statusCode()).as("malformed").isEqualTo(400);
        assertThat(open(nurse, "[]").statusCode()).isEqualTo(400);
        assertThat(open(nurse, "{\"patientId\":\"" + "p".repeat(300) + "\",\"reason\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(api.send("/api/chat/break-glass", "POST", nurse, "text/plain", "p1").statusCode()).isEqualTo(415);

        assertThat(api.get("/api/chat/conversations/" + conversation + "/messages", nurse).statusCode()).isEqualTo(404);
        JsonNode items = json(api.get("/api/admin/break-glass?limit=100", api.admin())).get("items");
        assertThat(items).allSatisfy(item -> assertThat(item.get("outcome").stringValue()).isNotEqualTo("ok"));
        assertThat(items.get(0).get("until").isNull()).isTrue();
    }

    @Test
    void the_review_is_for_admins_and_services_and_checks_its_query() {
        assertThat(api.get("/api/admin/break-glass", nurse).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/admin/break-glass", api.token("p1", "patient")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/admin/break-glass", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/admin/break-glass", api.token("clinic", "service")).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/admin/break-glass?from=yesterday", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/break-glass?limit=0", api.admin()).statusCode()).isEqualTo(422);
        assertThat(api.get("/api/admin/break-glass?limit=x", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/break-glass?patient=p1", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/break-glass?from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z", api.admin())
                .statusCode()).isEqualTo(422);
        assertThat(api.get("/api/admin/audit?target=break_glass:p1", api.admin()).statusCode())
                .as("a grant's patient target can be asked for").isEqualTo(200);
    }
}
