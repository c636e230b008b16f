package org.carechat.wire;

import java.util.function.Function;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.MessageView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** The server-to-client events of the wire contract: each domain event's name and data. */
public final class WireEvents {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireEvents() {
    }

    /** An event as it goes on the wire: its name and its data object. */
    public record WireEvent(String name, ObjectNode data) {
    }

    public static WireEvent of(ChatEvent event) {
        return of(event, WireResources::message);
    }

    /**
     * As {@link #of(ChatEvent)}, with the message of a {@code new_message} written by {@code message}: a door
     * that already wrote that message for its sender's reply hands the same JSON in, rather than writing it twice.
     */
    public static WireEvent of(ChatEvent event, Function<MessageView, JsonNode> message) {
        ObjectNode data = NODES.objectNode();
        if (event instanceof ChatEvent.MessageCreated e) {
            data.set("message", message.apply(e.message()));
            return new WireEvent("new_message", data);
        }
        if (event instanceof ChatEvent.MessageEdited e) {
            data.set("message", WireResources.message(e.message()));
            return new WireEvent("message_edited", data);
        }
        if (event instanceof ChatEvent.MessageDeleted e) {
            data.put("conversationId", e.conversationId().value());
            data.put("messageId", e.messageId().value());
            return new WireEvent("message_deleted", data);
        }
        if (event instanceof ChatEvent.ReactionsUpdated e) {
            data.put("conversationId", e.conversationId().value());
            data.put("messageId", e.messageId().value());
            data.set("reactions", WireResources.reactions(e.reactions()));
            return new WireEvent("message_reaction_updated", data);
        }
        if (event instanceof ChatEvent.MessageAcknowledged e) {
            data.put("conversationId", e.conversationId().value());
            data.put("messageId", e.messageId().value());
            data.put("by", e.by().value());
            data.put("at", Timestamps.format(e.at()));
            return new WireEvent("message_acknowledged", data);
        }
        if (event instanceof ChatEvent.UrgentReminder e) {
            data.put("conversationId", e.conversationId().value());
            data.put("messageId", e.messageId().value());
            data.put("senderId", e.senderId().value());
            data.put("sentAt", Timestamps.format(e.sentAt()));
            return new WireEvent("urgent_reminder", data);
        }
        if (event instanceof ChatEvent.UrgentEscalated e) {
            data.put("conversationId", e.conversationId().value());
            data.put("messageId", e.messageId().value());
            data.put("senderId", e.senderId().value());
            data.put("patientId", e.patientId() == null ? null : e.patientId().value());
            data.put("sentAt", Timestamps.format(e.sentAt()));
            var to = data.putArray("escalatedTo");
            e.escalatedTo().forEach(contact -> to.add(contact.value()));
            return new WireEvent("urgent_escalated", data);
        }
        if (event instanceof ChatEvent.MessagesDelivered e) {
            data.put("conversationId", e.conversationId().value());
            data.put("userId", e.userId().value());
            data.put("upToSeq", e.upToSeq());
            data.put("at", Timestamps.format(e.at()));
            return new WireEvent("messages_delivered", data);
        }
        if (event instanceof ChatEvent.MessagesRead e) {
            data.put("conversationId", e.conversationId().value());
            data.put("userId", e.userId().value());
            data.put("upToSeq", e.upToSeq());
            data.put("at", Timestamps.format(e.at()));
            return new WireEvent("messages_read", data);
        }
        if (event instanceof ChatEvent.ConversationUpdated e) {
            data.set("conversation", WireResources.conversation(e.conversation()));
            return new WireEvent("conversation_updated", data);
        }
        if (event instanceof ChatEvent.TypingStarted e) {
            data.put("conversationId", e.conversationId().value());
            data.put("userId", e.userId().value());
            return new WireEvent("typing_start", data);
        }
        if (event instanceof ChatEvent.TypingStopped e) {
            data.put("conversationId", e.conversationId().value());
            data.put("userId", e.userId().value());
            return new WireEvent("typing_stopped", data);
        }
        if (event instanceof ChatEvent.StatusChanged e) {
            return new WireEvent("user_status_change", WireResources.presence(e.presence()));
        }
        if (event instanceof ChatEvent.IncomingCall e) {
            data.put("callId", e.callId().value());
            data.put("conversationId", e.conversationId().value());
            data.put("from", e.from().value());
            data.put("media", e.media().wireName());
            return new WireEvent("incoming_call", data);
        }
        if (event instanceof ChatEvent.CallAccepted e) {
            data.put("callId", e.callId().value());
            data.put("by", e.by().value());
            return new WireEvent("call_accepted", data);
        }
        if (event instanceof ChatEvent.CallRejected e) {
            data.put("callId", e.callId().value());
            data.put("by", e.by().value());
            data.put("reason", e.reason());
            return new WireEvent("call_rejected", data);
        }
        if (event instanceof ChatEvent.CallEnded e) {
            data.put("callId", e.callId().value());
            data.put("reason", e.reason() == null ? e.outcome().wireName() : e.reason());
            data.put("outcome", e.outcome().wireName());
            data.put("durationSeconds", e.duration().toSeconds());
            return new WireEvent("call_ended", data);
        }
        if (event instanceof ChatEvent.BreakGlassOpened e) {
            data.put("by", e.by().value());
            data.put("byName", e.byName());
            data.put("patientId", e.patientId().value());
            data.put("reason", e.reason());
            data.put("until", Timestamps.format(e.until()));
            return new WireEvent("break_glass_opened", data);
        }
        if (event instanceof ChatEvent.CallSignal e) {
            data.put("callId", e.callId().value());
            data.put("from", e.from().value());
            data.putRawValue("signal", new RawValue(e.signal()));
            return new WireEvent("call_signal", data);
        }
        throw new IllegalArgumentException("no wire form for " + event.getClass().getSimpleName());
    }
}
