package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminEndpointsTest {
    private RestHarness api;

    @BeforeEach
    void start() {
        api = RestHarness.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void an_admin_upserts_a_directory_entry_and_gets_it_back() {
        HttpResponse<String> created = api.put("/api/admin/users/d1", api.admin(),
                "{\"name\":\"Dr. Ada Smith\",\"role\":\"doctor\",\"specialty\":\"cardiology\"}");
        HttpResponse<String> replaced = api.put("/api/admin/users/d1", api.admin(), "{\"name\":\"Dr. Ada Smith-Jones\",\"role\":\"doctor\"}");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).get("id").stringValue()).isEqualTo("d1");
        assertThat(json(created).get("role").stringValue()).isEqualTo("doctor");
        assertThat(json(created).get("specialty").stringValue()).isEqualTo("cardiology");
        assertThat(json(replaced).get("name").stringValue()).isEqualTo("Dr. Ada Smith-Jones");
        assertThat(json(replaced).get("specialty").isNull()).isTrue();
    }

    @Test
    void a_service_may_administer_too() {
        HttpResponse<String> response = api.put("/api/admin/users/p9", api.token("clinic-backend", "service"),
                "{\"name\":\"Pat Nine\",\"role\":\"patient\"}");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_role_is_unprocessable() {
        HttpResponse<String> response = api.put("/api/admin/users/x1", api.admin(), "{\"name\":\"X\",\"role\":\"wizard\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("code").stringValue()).isEqualTo("INVALID");
    }

    @Test
    void an_admin_opens_extends_and_revokes_a_care_relationship() {
        api.user("p1", "Pat One", "patient");
        api.user("d1", "Dr. Ada Smith", "doctor");

        HttpResponse<String> opened = api.put("/api/admin/care-relationships", api.admin(),
                "{\"patientId\":\"p1\",\"clinicianId\":\"d1\",\"appointmentId\":\"appt-7\",\"validUntil\":\"2026-11-23T10:00:00.000Z\"}");
        JsonNode relationship = json(opened);
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(relationship.get("patientId").stringValue()).isEqualTo("p1");
        assertThat(relationship.get("clinicianId").stringValue()).isEqualTo("d1");
        assertThat(relationship.get("appointmentId").stringValue()).isEqualTo("appt-7");
        assertThat(relationship.get("validFrom").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(relationship.get("validUntil").stringValue()).isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(relationship.get("active").booleanValue()).isTrue();

        api.time.advance(Duration.ofHours(1));
        HttpResponse<String> revoked = api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", api.admin());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json(revoked).get("revokedAt").stringValue()).isEqualTo("2026-11-22T11:00:00.000Z");
        assertThat(json(revoked).get("active").booleanValue()).isFalse();
        assertThat(api.post("/api/chat/conversations", api.token("p1", "patient"), "{\"participantId\":\"d1\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void revoking_a_relationship_that_does_not_exist_is_not_found_and_needs_both_ids() {
        assertThat(api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", api.admin()).statusCode()).isEqualTo(404);
        assertThat(api.delete("/api/admin/care-relationships?patientId=p1", api.admin()).statusCode()).isEqualTo(400);
    }

    @Test
    void relationship_timestamps_must_be_iso_8601() {
        api.user("p1", "Pat One", "patient");
        api.user("d1", "Dr. Ada Smith", "doctor");

        HttpResponse<String> response = api.put("/api/admin/care-relationships", api.admin(),
                "{\"patientId\":\"p1\",\"clinicianId\":\"d1\",\"validUntil\":\"tomorrow\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").stringValue()).contains("ISO-8601");
    }

    @Test
    void the_audit_trail_is_filtered_by_user_and_period_and_its_timestamps_are_checked() {
        api.seedClinic();
        String id = api.conversation("p1", "patient", "d1");
        api.time.advance(Duration.ofMinutes(10));
        api.sendText(api.token("p1", "patient"), id, "hi");

        JsonNode byPatient = json(api.get("/api/admin/audit?userId=p1", api.admin()));
        JsonNode lastFiveMinutes = json(api.get("/api/admin/audit?userId=p1&from=2026-11-22T10:05:00Z&to=2026-11-22T12:00:00%2B01:00",
                api.admin()));
        JsonNode byTarget = json(api.get("/api/admin/audit?target=conversation:" + id, api.admin()));

        assertThat(byPatient.get("items")).extracting(e -> e.get("action").stringValue())
                .containsExactly("message_send", "conversation_open");
        assertThat(byPatient.get("items")).allSatisfy(e -> assertThat(e.get("actor").stringValue()).isEqualTo("p1"));
        assertThat(lastFiveMinutes.get("items")).extracting(e -> e.get("action").stringValue()).containsExactly("message_send");
        assertThat(byTarget.get("items")).isNotEmpty();
        assertThat(api.get("/api/admin/audit?from=yesterday", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/audit?userId=a%20b", api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/admin/audit?limit=many", api.admin()).statusCode()).isEqualTo(400);
    }

    @Test
    void patients_and_clinicians_get_403_on_every_admin_route() {
        api.seedClinic();
        for (String token : new String[] {api.token("p1", "patient"), api.token("d1", "doctor")}) {
            assertThat(api.put("/api/admin/users/p1", token, "{\"name\":\"Me\",\"role\":\"admin\"}").statusCode()).isEqualTo(403);
            assertThat(api.put("/api/admin/care-relationships", token, "{\"patientId\":\"p1\",\"clinicianId\":\"n1\"}").statusCode())
                    .isEqualTo(403);
            assertThat(api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", token).statusCode()).isEqualTo(403);
            HttpResponse<String> audit = api.get("/api/admin/audit", token);
            assertThat(audit.statusCode()).isEqualTo(403);
            assertThat(json(audit).get("code").stringValue()).isEqualTo("FORBIDDEN");
        }
        assertThat(json(api.get("/api/chat/contacts", api.token("p1", "patient")))).hasSize(1);
    }

    @Test
    void admins_and_services_cannot_send_or_open_conversations() {
        api.seedClinic();
        String id = api.conversation("p1", "patient", "d1");
        for (String token : new String[] {api.admin(), api.token("clinic-backend", "service")}) {
            HttpResponse<String> send = api.post("/api/chat/conversations/" + id + "/messages", token, "{\"content\":\"hi\"}");
            HttpResponse<String> open = api.post("/api/chat/conversations", token, "{\"participantId\":\"p1\"}");

            assertThat(send.statusCode()).isEqualTo(403);
            assertThat(json(send).get("code").stringValue()).isEqualTo("FORBIDDEN");
            assertThat(open.statusCode()).isEqualTo(403);
        }
    }
}
