package org.carechat.wire;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carechat.application.breakglass.BreakGlassUseCase.BreakGlassGrant;
import org.carechat.application.breakglass.ReviewBreakGlassUseCase.BreakGlassRecord;
import org.carechat.application.conversation.ListConversationsUseCase.ConversationPage;
import org.carechat.application.conversation.UnreadCountUseCase.UnreadCounts;
import org.carechat.application.messaging.ReadHistoryUseCase.HistoryPage;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.call.Call;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.message.Reactions;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.retention.LegalHold;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.carechat.domain.user.UserSummary;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The resources of the wire contract as JSON, written explicitly field by field: what clients see, and nothing else. */
public final class WireResources {
    /** Where an attachment's bytes are downloaded. */
    public static final String ATTACHMENT_PATH = "/api/chat/attachments/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireResources() {
    }

    public static ObjectNode message(MessageView view) {
        Message m = view.message();
        ObjectNode json = NODES.objectNode();
        json.put("id", m.id().value());
        json.put("conversationId", m.conversationId().value());
        json.put("seq", m.seq());
        json.put("senderId", m.senderId().value());
        json.put("type", m.type().wireName());
        json.put("content", m.content());
        json.set("attachment", m.attachment() == null ? NODES.nullNode() : attachment(m.attachment()));
        json.put("replyTo", m.replyTo() == null ? null : m.replyTo().value());
        json.put("clientMessageId", m.clientMessageId());
        json.put("createdAt", Timestamps.format(m.createdAt()));
        json.put("editedAt", Timestamps.format(m.editedAt()));
        json.put("deleted", m.deleted());
        json.set("reactions", reactions(m.reactions()));
        json.put("status", view.status().wireName());
        json.put("priority", m.priority().wireName());
        if (m.priority() == MessagePriority.URGENT) {
            json.set("acknowledgements", acknowledgements(m));
            json.put("followUp", m.followUp().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (m.call() != null) {
            json.set("call", callSummary(m.call()));
        }
        return json;
    }

    /** The priority a client asks for: null when none, else {@code routine} or {@code urgent}; anything else 400. */
    public static MessagePriority priority(String raw) {
        if (raw == null) {
            return null;
        }
        return MessagePriority.fromWire(raw).orElseThrow(() -> WireException.badRequest("priority must be routine or urgent"));
    }

    /** An urgent message's acknowledgements, {@code [{userId, at}]}, the earliest first. */
    private static ArrayNode acknowledgements(Message m) {
        ArrayNode items = NODES.arrayNode();
        m.acknowledgements().entrySet().stream()
                .sorted(java.util.Map.Entry.<UserId, Instant>comparingByValue().thenComparing(entry -> entry.getKey().value()))
                .forEach(entry -> items.addObject().put("userId", entry.getKey().value())
                        .put("at", Timestamps.format(entry.getValue())));
        return items;
    }

    /** Writes what {@link #message} builds, field by field, in the same order, with no tree in between. */
    static void writeMessage(JsonGenerator out, MessageView view) {
        Message m = view.message();
        out.writeStartObject();
        string(out, "id", m.id().value());
        string(out, "conversationId", m.conversationId().value());
        out.writeName("seq");
        out.writeNumber(m.seq());
        string(out, "senderId", m.senderId().value());
        string(out, "type", m.type().wireName());
        string(out, "content", m.content());
        out.writeName("attachment");
        if (m.attachment() == null) {
            out.writeNull();
        } else {
            out.writeTree(attachment(m.attachment()));
        }
        string(out, "replyTo", m.replyTo() == null ? null : m.replyTo().value());
        string(out, "clientMessageId", m.clientMessageId());
        string(out, "createdAt", Timestamps.format(m.createdAt()));
        string(out, "editedAt", Timestamps.format(m.editedAt()));
        out.writeBooleanProperty("deleted", m.deleted());
        out.writeName("reactions");
        if (m.reactions().byEmoji().isEmpty()) {
            out.writeStartObject();
            out.writeEndObject();
        } else {
            out.writeTree(reactions(m.reactions()));
        }
        string(out, "status", view.status().wireName());
        string(out, "priority", m.priority().wireName());
        if (m.priority() == MessagePriority.URGENT) {
            out.writeName("acknowledgements");
            out.writeTree(acknowledgements(m));
            string(out, "followUp", m.followUp().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (m.call() != null) {
            out.writeName("call");
            out.writeTree(callSummary(m.call()));
        }
        out.writeEndObject();
    }

    private static void string(JsonGenerator out, String name, String value) {
        out.writeName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    public static ArrayNode messages(List<MessageView> views) {
        ArrayNode array = NODES.arrayNode();
        views.forEach(view -> array.add(message(view)));
        return array;
    }

    public static ObjectNode attachment(AttachmentRef ref) {
        ObjectNode json = NODES.objectNode();
        json.put("id", ref.id().value());
        json.put("name", ref.name());
        json.put("mimeType", ref.mimeType());
        json.put("size", ref.size());
        json.put("url", ATTACHMENT_PATH + ref.id().value());
        return json;
    }

    public static ObjectNode attachment(Attachment attachment) {
        return attachment(attachment.ref());
    }

    public static ObjectNode reactions(Reactions reactions) {
        ObjectNode json = NODES.objectNode();
        reactions.byEmoji().forEach((emoji, users) -> json.set(emoji, userIds(users)));
        return json;
    }

    public static ObjectNode callSummary(CallSummary call) {
        ObjectNode json = NODES.objectNode();
        json.put("callId", call.callId().value());
        json.put("media", call.media().wireName());
        json.put("outcome", call.outcome().wireName());
        json.put("durationSeconds", call.durationSeconds());
        return json;
    }

    public static ObjectNode conversation(ConversationView view) {
        ObjectNode json = NODES.objectNode();
        json.put("id", view.conversation().id().value());
        ArrayNode participants = json.putArray("participants");
        view.participants().forEach(person -> participants.add(person(person)));
        json.set("lastMessage", view.lastMessage() == null ? NODES.nullNode() : message(view.lastMessage()));
        json.put("lastSeq", view.conversation().lastSeq());
        json.put("unreadCount", view.unreadCount());
        json.put("muted", view.muted());
        json.put("pinned", view.pinned());
        json.put("canSend", view.canSend());
        json.put("createdAt", Timestamps.format(view.conversation().createdAt()));
        json.put("updatedAt", Timestamps.format(view.conversation().updatedAt()));
        return json;
    }

    public static ObjectNode conversationPage(ConversationPage page) {
        ObjectNode json = NODES.objectNode();
        ArrayNode items = json.putArray("items");
        page.items().forEach(view -> items.add(conversation(view)));
        json.put("nextCursor", page.nextCursor());
        return json;
    }

    public static ObjectNode historyPage(HistoryPage page) {
        ObjectNode json = NODES.objectNode();
        json.set("items", messages(page.items()));
        json.put("hasMore", page.hasMore());
        return json;
    }

    public static ObjectNode person(UserSummary summary) {
        User user = summary.user();
        PresenceState presence = summary.presence();
        ObjectNode json = NODES.objectNode();
        json.put("id", user.id().value());
        json.put("name", user.name());
        json.put("role", user.role().name());
        json.put("specialty", user.specialty());
        json.put("online", presence.isOnline());
        json.put("status", presence.status().wireName());
        json.put("lastSeen", Timestamps.format(presence.lastSeen()));
        return json;
    }

    public static ArrayNode people(List<UserSummary> people) {
        ArrayNode array = NODES.arrayNode();
        people.forEach(person -> array.add(person(person)));
        return array;
    }

    public static ObjectNode presence(PresenceState presence) {
        ObjectNode json = NODES.objectNode();
        json.put("userId", presence.user().value());
        json.put("isOnline", presence.isOnline());
        json.put("status", presence.status().wireName());
        json.put("lastSeen", Timestamps.format(presence.lastSeen()));
        return json;
    }

    public static ArrayNode presences(List<PresenceState> states) {
        ArrayNode array = NODES.arrayNode();
        states.forEach(state -> array.add(presence(state)));
        return array;
    }

    public static ObjectNode unreadCounts(UnreadCounts counts) {
        ObjectNode json = NODES.objectNode();
        json.put("total", counts.total());
        ObjectNode by = json.putObject("byConversation");
        counts.byConversation().forEach((id, n) -> by.put(id.value(), n));
        return json;
    }

    public static ObjectNode call(Call call) {
        ObjectNode json = NODES.objectNode();
        json.put("callId", call.id().value());
        json.put("conversationId", call.conversationId().value());
        json.put("callerId", call.caller().value());
        json.put("calleeId", call.callee().value());
        json.put("media", call.media().wireName());
        json.put("state", call.state().name().toLowerCase(Locale.ROOT));
        json.put("requestedAt", Timestamps.format(call.requestedAt()));
        json.put("answeredAt", Timestamps.format(call.answeredAt()));
        json.put("endedAt", Timestamps.format(call.endedAt()));
        json.put("outcome", call.outcome() == null ? null : call.outcome().wireName());
        return json;
    }

    /** A call of the call history, from the {@code call} message that records it. */
    public static ObjectNode callRecord(Message message) {
        CallSummary summary = message.call();
        ObjectNode json = callSummary(summary);
        json.put("conversationId", message.conversationId().value());
        json.put("callerId", message.senderId().value());
        json.put("endedAt", Timestamps.format(message.createdAt()));
        json.put("messageId", message.id().value());
        json.put("seq", message.seq());
        return json;
    }

    public static ObjectNode callHistory(List<Message> messages) {
        ObjectNode json = NODES.objectNode();
        ArrayNode items = json.putArray("items");
        messages.stream().filter(m -> m.call() != null).forEach(m -> items.add(callRecord(m)));
        return json;
    }

    public static ObjectNode user(User user) {
        ObjectNode json = NODES.objectNode();
        json.put("id", user.id().value());
        json.put("name", user.name());
        json.put("role", user.role().name());
        json.put("specialty", user.specialty());
        return json;
    }

    public static ObjectNode careRelationship(CareRelationship relationship, Instant now) {
        ObjectNode json = NODES.objectNode();
        json.put("patientId", relationship.patient().value());
        json.put("clinicianId", relationship.clinician().value());
        json.put("appointmentId", relationship.appointmentId());
        json.put("validFrom", Timestamps.format(relationship.validFrom()));
        json.put("validUntil", Timestamps.format(relationship.validUntil()));
        json.put("revokedAt", Timestamps.format(relationship.revokedAt()));
        json.put("active", relationship.isActiveAt(now));
        return json;
    }

    public static ObjectNode auditEntry(AuditEntry entry) {
        ObjectNode json = NODES.objectNode();
        json.put("id", entry.id());
        json.put("actor", entry.actor().value());
        json.put("action", entry.action().wireName());
        ArrayNode targets = json.putArray("targets");
        entry.targets().forEach(targets::add);
        json.put("at", Timestamps.format(entry.at()));
        json.put("outcome", entry.outcome());
        return json;
    }

    public static ObjectNode auditEntries(List<AuditEntry> entries) {
        ObjectNode json = NODES.objectNode();
        ArrayNode items = json.putArray("items");
        entries.forEach(entry -> items.add(auditEntry(entry)));
        return json;
    }

    /** The break-glass access just opened: {@code clinicianId, patientId, reason, openedAt, until, conversationIds}. */
    public static ObjectNode breakGlassGrant(BreakGlassGrant grant) {
        ObjectNode json = NODES.objectNode();
        json.put("clinicianId", grant.clinicianId().value());
        json.put("patientId", grant.patientId().value());
        json.put("reason", grant.reason());
        json.put("openedAt", Timestamps.format(grant.openedAt()));
        json.put("until", Timestamps.format(grant.until()));
        ArrayNode conversations = json.putArray("conversationIds");
        grant.conversations().forEach(id -> conversations.add(id.value()));
        return json;
    }

    /** {@code {items}}: the break-glass accesses for review, newest first; {@code until} null for a refused one. */
    public static ObjectNode breakGlassRecords(List<BreakGlassRecord> records) {
        ObjectNode json = NODES.objectNode();
        ArrayNode items = json.putArray("items");
        for (BreakGlassRecord record : records) {
            ObjectNode item = items.addObject();
            item.put("id", record.auditId());
            item.put("clinicianId", record.clinicianId().value());
            item.put("patientId", record.patientId() == null ? null : record.patientId().value());
            item.put("reason", record.reason());
            item.put("at", Timestamps.format(record.at()));
            item.put("until", Timestamps.format(record.until()));
            item.put("outcome", record.outcome());
        }
        return json;
    }

    /** A legal hold: {@code patientId} or {@code conversationId}, the reason, who placed and lifted it, when. */
    public static ObjectNode legalHold(LegalHold hold) {
        ObjectNode json = NODES.objectNode();
        json.put("id", hold.id());
        json.put("patientId", hold.kind() == LegalHold.Kind.PATIENT ? hold.targetId() : null);
        json.put("conversationId", hold.kind() == LegalHold.Kind.CONVERSATION ? hold.targetId() : null);
        json.put("reason", hold.reason());
        json.put("placedBy", hold.placedBy().value());
        json.put("placedAt", Timestamps.format(hold.placedAt()));
        json.put("liftedBy", hold.liftedBy() == null ? null : hold.liftedBy().value());
        json.put("liftedAt", Timestamps.format(hold.liftedAt()));
        json.put("active", hold.active());
        return json;
    }

    public static ObjectNode legalHolds(List<LegalHold> holds) {
        ObjectNode json = NODES.objectNode();
        ArrayNode items = json.putArray("items");
        holds.forEach(hold -> items.add(legalHold(hold)));
        return json;
    }

    private static ArrayNode userIds(List<UserId> ids) {
        ArrayNode array = NODES.arrayNode();
        ids.forEach(id -> array.add(id.value()));
        return array;
    }

    /** An object of a few named values, for small replies such as {@code {callId}}. */
    public static ObjectNode fields(Map<String, String> values) {
        ObjectNode json = NODES.objectNode();
        values.forEach(json::put);
        return json;
    }
}
