package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/admin/conversations/{id}/export?format=fhir}: a FHIR R4 Bundle that HAPI FHIR's parser reads
 * in strict mode (an unknown element, a code outside its value set or a malformed date fails the test), paged
 * with {@code next} links; everyone but admins and services refused, bad input answered 400.
 */
class FhirExportEndpointTest {
    private static final FhirContext FHIR = FhirContext.forR4();

    private RestHarness api;
    private String p1;
    private String d1;
    private String conversation;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        p1 = api.token("p1", "patient");
        d1 = api.token("d1", "doctor");
        conversation = api.conversation("p1", "patient", "d1");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static Bundle parse(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/fhir+json"));
        IParser parser = FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        return parser.parseResource(Bundle.class, response.body());
    }

    private String export(String query) {
        return "/api/admin/conversations/" + conversation + "/export?" + query;
    }

    private static Communication communication(Bundle bundle, int index) {
        return (Communication) bundle.getEntry().get(index).getResource();
    }

    @Test
    void a_conversation_exports_as_communications_with_people_times_payloads_replies_edits_and_tombstones() {
        String first = api.sendText(p1, conversation, "I have a headache since Monday").get("id").stringValue();
        JsonNode reply = json(api.post("/api/chat/conversations/" + conversation + "/messages", d1,
                "{\"content\":\"Any fever?\",\"replyTo\":\"" + first + "\"}"));
        String edited = api.sendText(p1, conversation, "No fevr").get("id").stringValue();
        RestHarness.expect(api.patch("/api/chat/messages/" + edited, p1, "{\"content\":\"No fever\"}"), 200);
        String deleted = api.sendText(p1, conversation, "sent by mistake").get("id").stringValue();
        RestHarness.expect(api.delete("/api/chat/messages/" + deleted, p1), 200);
        HttpResponse<String> uploaded = api.sendWith("/api/chat/attachments", "POST", p1,
                Map.of("Content-Type", "application/pdf", "X-File-Name", "results.pdf"),
                BodyPublishers.ofByteArray(AttachmentEndpointsTest.pdf()));
        RestHarness.expect(uploaded, 201);
        String file = json(uploaded).get("id").stringValue();
        RestHarness.expect(api.post("/api/chat/conversations/" + conversation + "/messages", p1,
                "{\"type\":\"file\",\"attachmentId\":\"" + file + "\",\"content\":\"my lab results\"}"), 201);

        Bundle bundle = parse(api.get(export("format=fhir"), api.admin()));

        assertThat(bundle.getType()).isEqualTo(BundleType.COLLECTION);
        assertThat(bundle.getLink("self").getUrl()).endsWith(export("format=fhir"));
        assertThat(bundle.getLink("next")).as("one page holds it all").isNull();
        assertThat(bundle.getEntry()).hasSize(5);

        Communication headache = communication(bundle, 0);
        assertThat(headache.getIdentifierFirstRep().getSystem()).isEqualTo("urn:carechat:message");
        assertThat(headache.getIdentifierFirstRep().getValue()).isEqualTo(first);
        assertThat(headache.getStatus()).isEqualTo(CommunicationStatus.COMPLETED);
        assertThat(headache.getPriority()).isEqualTo(CommunicationPriority.ROUTINE);
        assertPerson(headache.getSubject(), "Patient", "p1", "Pat One");
        assertPerson(headache.getSender(), "Patient", "p1", "Pat One");
        assertThat(headache.getRecipient()).hasSize(1);
        assertPerson(headache.getRecipient().get(0), "Practitioner", "d1", "Dr. Ada Smith");
        assertThat(headache.getSent()).isEqualTo(java.util.Date.from(java.time.Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(headache.hasReceived()).as("CareChat does not record when").isFalse();
        assertThat(headache.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("I have a headache since Monday");

        Communication answer = communication(bundle, 1);
        assertPerson(answer.getSubject(), "Patient", "p1", "Pat One");
        assertPerson(answer.getSender(), "Practitioner", "d1", "Dr. Ada Smith");
        assertPerson(answer.getRecipient().get(0), "Patient", "p1", "Pat One");
        assertThat(answer.getIdentifierFirstRep().getValue()).isEqualTo(reply.get("id").stringValue());
        assertThat(answer.getInResponseTo()).singleElement().satisfies(to ->
                assertThat(to.getIdentifier().getValue()).isEqualTo(first));

        Communication fixed = communication(bundle, 2);
        assertThat(fixed.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("No fever");
        assertThat(fixed.getNoteFirstRep().getText()).contains("edited");
        assertThat(fixed.getNoteFirstRep().hasTime()).isTrue();

        Communication tombstone = communication(bundle, 3);
        assertThat(tombstone.getIdentifierFirstRep().getValue()).isEqualTo(deleted);
        assertThat(tombstone.getStatus()).isEqualTo(CommunicationStatus.ENTEREDINERROR);
        assertThat(tombstone.getPayload()).isEmpty();

        Communication results = communication(bundle, 4);
        Attachment attachment = results.getPayload().get(0).getContentAttachment();
        assertThat(attachment.getContentType()).isEqualTo("application/pdf");
        assertThat(attachment.getTitle()).isEqualTo("results.pdf");
        assertThat(attachment.getSize()).isEqualTo(AttachmentEndpointsTest.pdf().length);
        assertThat(attachment.getUrl()).endsWith("/api/chat/attachments/" + file);
        assertThat(results.getPayload().get(1).getContentStringType().getValue()).isEqualTo("my lab results");

    }

    private static void assertPerson(Reference reference, String type, String id, String name) {
        assertThat(reference.getType()).isEqualTo(type);
        assertThat(reference.getIdentifier().getSystem()).isEqualTo("urn:carechat:user");
        assertThat(reference.getIdentifier().getValue()).isEqualTo(id);
        assertThat(reference.getDisplay()).isEqualTo(name);
    }

    @Test
    void pages_follow_their_next_links_to_the_end_and_every_page_is_audited() {
        for (int i = 1; i <= 5; i++) {
            api.sendText(i % 2 == 0 ? d1 : p1, conversation, "message " + i);
        }

        Bundle first = parse(api.get(export("format=fhir&limit=2"), api.admin()));
        String next = first.getLink("next").getUrl();
        Bundle second = parse(api.get(next.substring(next.indexOf("/api/")), api.admin()));
        String last = second.getLink("next").getUrl();
        Bundle third = parse(api.get(last.substring(last.indexOf("/api/")), api.token("clinic", "service")));

        List<String> texts = new java.util.ArrayList<>();
        for (Bundle page : List.of(first, second, third)) {
            page.getEntry().forEach(entry ->
                    texts.add(((Communication) entry.getResource()).getPayloadFirstRep().getContentStringType().getValue()));
        }
        assertThat(texts).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
        assertThat(next).contains("after=2").contains("limit=2").contains("format=fhir");
        assertThat(third.getLink("next")).isNull();

        JsonNode trail = json(api.get("/api/admin/audit?target=conversation:" + conversation + "&limit=10", api.admin())).get("items");
        List<String> exports = new java.util.ArrayList<>();
        trail.forEach(item -> {
            if (item.get("action").stringValue().equals("conversation_export")) {
                exports.add(item.get("targets").toString());
            }
        });
        assertThat(exports).containsExactly(
                "[\"conversation:" + conversation + "\",\"seqs:5..5\"]",
                "[\"conversation:" + conversation + "\",\"seqs:3..4\"]",
                "[\"conversation:" + conversation + "\",\"seqs:1..2\"]");
    }

    @Test
    void only_admins_and_services_export_even_the_conversations_own_people_are_refused() {
        api.sendText(p1, conversation, "private");

        assertThat(api.get(export("format=fhir"), p1).statusCode()).isEqualTo(403);
        assertThat(api.get(export("format=fhir"), d1).statusCode()).isEqualTo(403);
        assertThat(api.get(export("format=fhir"), api.token("n1", "nurse")).statusCode()).isEqualTo(403);
        assertThat(api.get(export("format=fhir"), null).statusCode()).isEqualTo(401);
        assertThat(api.get(export("format=fhir"), p1).body()).doesNotContain("private");
    }

    @Test
    void bad_input_is_refused_with_a_problem_and_a_foreign_id_is_not_found() {
        assertThat(api.get(export(""), api.admin()).statusCode()).as("no format").isEqualTo(400);
        HttpResponse<String> xml = api.get(export("format=xml"), api.admin());
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(json(xml).get("detail").stringValue()).contains("format must be fhir");
        assertThat(api.get(export("format=fhir&after=-1"), api.admin()).statusCode()).isEqualTo(422);
        assertThat(api.get(export("format=fhir&after=abc"), api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get(export("format=fhir&limit=0"), api.admin()).statusCode()).isEqualTo(422);
        assertThat(api.get(export("format=fhir&limit=99999999999"), api.admin()).statusCode()).isEqualTo(400);
        assertThat(api.get(export("format=fhir&page=2"), api.admin()).statusCode()).as("unknown parameter").isEqualTo(400);
        assertThat(api.get("/api/admin/conversations/c_nope/export?format=fhir", api.admin()).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/admin/conversations/" + "x".repeat(300) + "/export?format=fhir", api.admin()).statusCode())
                .isEqualTo(400);
    }
}
