package org.carechat.adapter.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.carechat.application.admin.ExportConversationUseCase.ConversationExport;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page of an exported conversation as a FHIR R4 {@code Bundle} of type {@code collection}, one
 * {@code Communication} per message, in seq order:
 * <ul>
 *   <li>{@code identifier}: the message id (system {@value #MESSAGE_SYSTEM}); CareChat's ids are not always
 *       valid FHIR ids, so the resources carry none and the chart's server assigns its own;</li>
 *   <li>{@code status}: {@code completed}, or {@code entered-in-error} for a message its sender deleted (the
 *       tombstone, without payload);</li>
 *   <li>{@code priority}: {@code routine} or {@code urgent}, as the message was sent;</li>
 *   <li>{@code subject}: the participant who is a patient; {@code sender} and {@code recipient}: references by
 *       identifier (system {@value #USER_SYSTEM}), typed {@code Patient} or {@code Practitioner}, with the
 *       directory's name;</li>
 *   <li>{@code sent}: when the server stored the message; {@code received} is never given: CareChat records
 *       that a message was delivered and read (the participants' cursors), not when;</li>
 *   <li>{@code payload}: the text, the file (type, name, size and the URL a participant downloads it from),
 *       or what a call message records;</li>
 *   <li>{@code inResponseTo}: the message replied to, by identifier; {@code note}: when the text was edited.</li>
 * </ul>
 * {@code link}: {@code self}, and {@code next} while there are more messages.
 */
final class FhirBundles {
    static final String MEDIA_TYPE = "application/fhir+json";
    static final String MESSAGE_SYSTEM = "urn:carechat:message";
    static final String USER_SYSTEM = "urn:carechat:user";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FhirBundles() {
    }

    /**
     * {@code self} is the URL this page was asked with; {@code next} the URL of the next page, used only when
     * there is one; {@code attachments} the URL file downloads are under.
     */
    static JsonNode bundle(ConversationExport export, URI self, URI next, URI attachments, Instant now) {
        ObjectNode bundle = NODES.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.put("timestamp", Timestamps.format(now));
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", self.toString());
        if (export.nextAfterSeq() != null) {
            links.addObject().put("relation", "next").put("url", next.toString());
        }
        // FHIR JSON has no empty arrays: a page without messages has no entry at all
        ArrayNode entries = NODES.arrayNode();
        UserId patient = export.conversation().participants().stream()
                .filter(id -> export.people().containsKey(id) && export.people().get(id).role().isPatient())
                .findFirst().orElse(null);
        for (Message message : export.messages()) {
            entries.addObject().set("resource", communication(export, message, patient, attachments));
        }
        if (!entries.isEmpty()) {
            bundle.set("entry", entries);
        }
        return bundle;
    }

    private static ObjectNode communication(ConversationExport export, Message message, UserId patient, URI attachments) {
        ObjectNode resource = NODES.objectNode();
        resource.put("resourceType", "Communication");
        resource.putArray("identifier").add(identifier(MESSAGE_SYSTEM, message.id().value()));
        resource.put("status", message.deleted() ? "entered-in-error" : "completed");
        resource.put("priority", message.priority().wireName());
        if (patient != null) {
            resource.set("subject", person(export, patient));
        }
        resource.put("sent", Timestamps.format(message.createdAt()));
        ArrayNode recipients = resource.putArray("recipient");
        for (UserId other : export.conversation().othersThan(message.senderId())) {
            recipients.add(person(export, other));
        }
        resource.set("sender", person(export, message.senderId()));
        if (message.replyTo() != null) {
            resource.putArray("inResponseTo").addObject().set("identifier", identifier(MESSAGE_SYSTEM, message.replyTo().value()));
        }
        if (!message.deleted()) {
            ArrayNode payload = NODES.arrayNode();
            AttachmentRef file = message.attachment();
            if (file != null) {
                ObjectNode attachment = payload.addObject().putObject("contentAttachment");
                attachment.put("contentType", file.mimeType());
                attachment.put("url", attachments + URLEncoder.encode(file.id().value(), StandardCharsets.UTF_8));
                if (file.size() <= Integer.MAX_VALUE) {
                    // an unsignedInt in FHIR R4: a larger file goes without its size
                    attachment.put("size", file.size());
                }
                attachment.put("title", file.name());
            }
            String text = text(message);
            if (text != null && !text.isEmpty()) {
                payload.addObject().put("contentString", text);
            }
            if (!payload.isEmpty()) {
                resource.set("payload", payload);
            }
        }
        if (message.editedAt() != null && !message.deleted()) {
            resource.putArray("note").addObject().put("time", Timestamps.format(message.editedAt()))
                    .put("text", "The sender edited this message; the text is the edited one.");
        }
        return resource;
    }

    private static String text(Message message) {
        CallSummary call = message.call();
        if (call == null) {
            return message.content();
        }
        String media = call.media() == CallMedia.VIDEO ? "Video call" : "Voice call";
        return switch (call.outcome()) {
            case COMPLETED -> media + ", " + call.durationSeconds() + " s";
            case MISSED -> media + ", missed";
            case REJECTED -> media + ", declined";
        };
    }

    private static ObjectNode person(ConversationExport export, UserId id) {
        ObjectNode reference = NODES.objectNode();
        User user = export.people().get(id);
        if (user != null && (user.role().isPatient() || user.role().isClinician())) {
            reference.put("type", user.role().isPatient() ? "Patient" : "Practitioner");
        }
        reference.set("identifier", identifier(USER_SYSTEM, id.value()));
        if (user != null) {
            reference.put("display", user.name());
        }
        return reference;
    }

    private static ObjectNode identifier(String system, String value) {
        return NODES.objectNode().put("system", system).put("value", value);
    }
}
