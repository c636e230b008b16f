package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carechat.application.admin.ExportConversationUseCase.ConversationExport;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.Reactions;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the Bundle holds where the REST test does not reach: call messages, people the directory lost, no patient. */
class FhirBundlesTest {
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final URI SELF = URI.create("http://localhost/api/admin/conversations/c1/export?format=fhir");
    private static final URI FILES = URI.create("http://localhost/api/chat/attachments/");

    private static Message call(long seq, UserId from, CallMedia media, CallOutcome outcome, long seconds) {
        return new Message(MessageId.of("m" + seq), ConversationId.of("c1"), seq, from, MessageType.CALL, null, null, null,
                null, NOW.minusSeconds(100 - seq), null, false, Reactions.NONE,
                new CallSummary(CallId.of("call" + seq), media, outcome, seconds));
    }

    private static Bundle parse(JsonNode json) {
        return FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Bundle.class, json.toString());
    }

    private static String text(Bundle bundle, int index) {
        return ((Communication) bundle.getEntry().get(index).getResource()).getPayloadFirstRep().getContentStringType().getValue();
    }

    @Test
    void call_messages_say_what_the_call_was() {
        UserId patient = UserId.of("p1");
        UserId doctor = UserId.of("d1");
        Conversation conversation = Conversation.direct(ConversationId.of("c1"), patient, doctor, NOW);
        var export = new ConversationExport(conversation,
                Map.of(patient, new User(patient, "Pat One", Role.PATIENT, null), doctor, new User(doctor, "Dr. Ada", Role.DOCTOR, null)),
                List.of(call(1, patient, CallMedia.AUDIO, CallOutcome.COMPLETED, 185), call(2, doctor, CallMedia.VIDEO, CallOutcome.MISSED, 0),
                        call(3, patient, CallMedia.VIDEO, CallOutcome.REJECTED, 0)), null);

        Bundle bundle = parse(FhirBundles.bundle(export, SELF, null, FILES, NOW));

        assertThat(text(bundle, 0)).isEqualTo("Voice call, 185 s");
        assertThat(text(bundle, 1)).isEqualTo("Video call, missed");
        assertThat(text(bundle, 2)).isEqualTo("Video call, declined");
        assertThat(bundle.getTimestamp()).isEqualTo(java.util.Date.from(NOW));
    }

    @Test
    void a_page_without_messages_has_no_entry_array() {
        UserId patient = UserId.of("p1");
        UserId doctor = UserId.of("d1");
        var export = new ConversationExport(Conversation.direct(ConversationId.of("c1"), patient, doctor, NOW), Map.of(),
                List.of(), null);

        JsonNode json = FhirBundles.bundle(export, SELF, null, FILES, NOW);

        assertThat(json.has("entry")).isFalse();
        assertThat(parse(json).getEntry()).isEmpty();
    }

    @Test
    void a_person_the_directory_no_longer_knows_is_referenced_by_id_alone_and_without_a_patient_there_is_no_subject() {
        UserId nurse = UserId.of("n1");
        UserId gone = UserId.of("d_gone");
        Conversation conversation = Conversation.direct(ConversationId.of("c1"), nurse, gone, NOW);
        var export = new ConversationExport(conversation, Map.of(nurse, new User(nurse, "Nina Nurse", Role.NURSE, null)),
                List.of(new Message(MessageId.of("m1"), conversation.id(), 1, gone, MessageType.TEXT, "handover at 6", null,
                        null, null, NOW, null, false, Reactions.NONE, null)), 1L);

        Bundle bundle = parse(FhirBundles.bundle(export, SELF, URI.create(SELF + "&after=1"), FILES, NOW));
        Communication message = (Communication) bundle.getEntry().get(0).getResource();

        assertThat(message.hasSubject()).isFalse();
        assertThat(message.getSender().getIdentifier().getValue()).isEqualTo("d_gone");
        assertThat(message.getSender().hasType()).isFalse();
        assertThat(message.getSender().hasDisplay()).isFalse();
        assertThat(message.getRecipientFirstRep().getType()).isEqualTo("Practitioner");
        assertThat(message.getRecipientFirstRep().getDisplay()).isEqualTo("Nina Nurse");
        assertThat(bundle.getLink("next").getUrl()).endsWith("&after=1");
    }
}
