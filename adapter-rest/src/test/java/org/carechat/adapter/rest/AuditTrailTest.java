package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reads and writes through REST leave audit entries (GET /api/admin/audit) that never hold content. */
class AuditTrailTest {
    private static final String SECRET_TEXT = "my-very-private-symptom";

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

    private JsonNode entries(String query) {
        HttpResponse<String> response = api.get("/api/admin/audit" + query, api.admin());
        RestHarness.expect(response, 200);
        return json(response).get("items");
    }

    private static JsonNode only(JsonNode items, String action) {
        for (JsonNode entry : items) {
            if (entry.get("action").stringValue().equals(action)) {
                return entry;
            }
        }
        throw new AssertionError("no " + action + " entry in " + items);
    }

    @Test
    void a_history_read_leaves_an_entry_naming_the_conversation() {
        api.get("/api/chat/conversations/" + conversation + "/messages", doctor);

        JsonNode entry = only(entries("?userId=d1"), "history_read");
        assertThat(entry.get("actor").stringValue()).isEqualTo("d1");
        assertThat(entry.get("targets")).extracting(JsonNode::stringValue).contains("conversation:" + conversation);
        assertThat(entry.get("outcome").stringValue()).isEqualTo("ok");
        assertThat(entry.get("at").stringValue()).isEqualTo("2026-11-22T10:00:00.000Z");
    }

    @Test
    void a_send_leaves_an_entry_with_ids_and_without_the_text() {
        String messageId = api.sendText(patient, conversation, SECRET_TEXT).get("id").stringValue();

        HttpResponse<String> all = api.get("/api/admin/audit", api.admin());
        JsonNode entry = only(json(all).get("items"), "message_send");
        assertThat(entry.get("actor").stringValue()).isEqualTo("p1");
        assertThat(entry.get("targets")).extracting(JsonNode::stringValue)
                .contains("conversation:" + conversation, "message:" + messageId);
        assertThat(all.body()).doesNotContain(SECRET_TEXT);
    }

    @Test
    void a_download_leaves_an_entry_naming_the_attachment_and_a_refused_one_records_its_outcome() {
        String attachment = json(api.sendWith("/api/chat/attachments", "POST", patient,
                Map.of("Content-Type", "image/png", "X-File-Name", "x.png"),
                BodyPublishers.ofByteArray(AttachmentEndpointsTest.png(64)))).get("id").stringValue();
        api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"image\",\"attachmentId\":\"" + attachment + "\",\"content\":\"" + SECRET_TEXT + "\"}");
        api.sendForBytes(api.request("/api/chat/attachments/" + attachment, doctor).GET());
        api.sendForBytes(api.request("/api/chat/attachments/" + attachment, api.token("p2", "patient")).GET());

        JsonNode byDoctor = only(entries("?userId=d1"), "attachment_download");
        JsonNode byOutsider = only(entries("?userId=p2"), "attachment_download");
        assertThat(byDoctor.get("targets")).extracting(JsonNode::stringValue).contains("attachment:" + attachment);
        assertThat(byDoctor.get("outcome").stringValue()).isEqualTo("ok");
        assertThat(byOutsider.get("outcome").stringValue()).isEqualTo("not_found");
        assertThat(api.get("/api/admin/audit", api.admin()).body()).doesNotContain(SECRET_TEXT);
    }

    @Test
    void reading_the_audit_trail_is_audited_too() {
        entries("");

        assertThat(only(entries("?userId=root"), "audit_read").get("actor").stringValue()).isEqualTo("root");
    }
}
