package org.carechat.adapter.websocket;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.carechat.application.CareChatCore;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.RelayCallSignalUseCase.RelaySignal;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.messaging.AcknowledgeMessageUseCase.AcknowledgeMessage;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.MarkDeliveredUseCase.MarkDelivered;
import org.carechat.application.messaging.MarkDeliveredUseCase.MarkDeliveredThrough;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.application.messaging.MarkReadUseCase.MarkReadThrough;
import org.carechat.application.messaging.MarkReadUseCase.MarkReadWith;
import org.carechat.application.messaging.ReadHistoryUseCase.HistoryPage;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.application.presence.SetStatusUseCase.SetStatus;
import org.carechat.application.presence.StartTypingUseCase.Typing;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireException;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireEvents;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dispatch table of the client events of the wire contract (PROTOCOL section 5): for each event
 * name, the fields its data may carry and the one use case it calls.
 */
final class ClientEvents {
    /** The reply to {@code call_request}; the protocol names its data ({@code callId}) but not its event. */
    static final String CALL_REQUESTED = "call_requested";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SEND_FIELDS =
            Set.of("to", "conversationId", "type", "content", "attachmentId", "replyTo", "clientMessageId", "priority");
    private static final Set<String> TYPING_FIELDS = Set.of("conversationId", "to");
    private static final Set<String> DELIVERED_FIELDS = Set.of("conversationId", "upToSeq", "messageId");
    private static final Set<String> READ_FIELDS = Set.of("conversationId", "to", "upToSeq", "messageId");
    private static final Set<String> STATUS_FIELDS = Set.of("status");
    private static final Set<String> EDIT_FIELDS = Set.of("messageId", "content");
    private static final Set<String> DELETE_FIELDS = Set.of("messageId");
    private static final Set<String> REACTION_FIELDS = Set.of("messageId", "emoji");
    private static final Set<String> ACKNOWLEDGE_FIELDS = Set.of("messageId");
    private static final Set<String> SYNC_FIELDS = Set.of("conversationId", "afterSeq", "limit");
    private static final Set<String> CALL_REQUEST_FIELDS = Set.of("to", "conversationId", "media");
    private static final Set<String> CALL_ACTION_FIELDS = Set.of("callId", "reason");
    private static final Set<String> SIGNAL_FIELDS = Set.of("callId", "signal");
    private static final Set<String> AUTH_FIELDS = Set.of("token");

    private final CareChatCore core;
    private final AuthenticateUseCase auth;
    private final WireJson json;
    /** The message of a send, written once for its reply and its {@code new_message}. */
    private final MessageJson messages;
    private final Metrics metrics;

    private ClientEvents(CareChatCore core, AuthenticateUseCase auth, WireJson json, Metrics metrics) {
        this.messages = new MessageJson(json);
        this.core = core;
        this.auth = auth;
        this.json = json;
        this.metrics = metrics;
    }

    /** Every client event by name. */
    static Map<String, EventHandler> table(CareChatCore core, AuthenticateUseCase auth, WireJson json, Metrics metrics) {
        ClientEvents events = new ClientEvents(core, auth, json, metrics);
        Map<String, EventHandler> table = new TreeMap<>();
        table.put("send_message", events::sendMessage);
        table.put("typing_start", events::typingStart);
        table.put("typing_stop", events::typingStop);
        table.put("mark_delivered", events::markDelivered);
        table.put("mark_read", events::markRead);
        table.put("set_status", events::setStatus);
        table.put("edit_message", events::editMessage);
        table.put("delete_message", events::deleteMessage);
        table.put("add_reaction", events::addReaction);
        table.put("remove_reaction", events::removeReaction);
        table.put("acknowledge_message", events::acknowledgeMessage);
        table.put("sync", events::sync);
        table.put("call_request", events::callRequest);
        table.put("call_accept", events::callAccept);
        table.put("call_reject", events::callReject);
        table.put("call_end", events::callEnd);
        table.put("call_signal", events::callSignal);
        table.put("auth", events::auth);
        return Map.copyOf(table);
    }

    private Reply sendMessage(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SEND_FIELDS);
        Sent sent = core.sendMessage().send(new SendMessage(caller.actor(), d.id("conversationId", ConversationId::of),
                d.id("to", UserId::of), messageType(d.text("type")), d.text("content"),
                d.id("attachmentId", AttachmentId::of), d.id("replyTo", MessageId::of), d.text("clientMessageId"),
                WireResources.priority(d.text("priority")))).orThrow();
        if (sent.created()) {
            metrics.messageSent();
        }
        ObjectNode reply = object("message", messages.of(sent.message()));
        if (sent.notice() != null) {
            reply.put("notice", sent.notice());
        }
        return new Reply("message_sent", reply, sent.message());
    }

    private Reply typingStart(Caller caller, JsonNode data) {
        core.startTyping().startTyping(typing(caller, data)).orThrow();
        return Reply.ACK;
    }

    private Reply typingStop(Caller caller, JsonNode data) {
        core.stopTyping().stopTyping(typing(caller, data)).orThrow();
        return Reply.ACK;
    }

    /** {@code conversationId} with {@code upToSeq}, or {@code messageId} alone (up to that message). */
    private Reply markDelivered(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, DELIVERED_FIELDS);
        MessageId through = d.id("messageId", MessageId::of);
        if (through != null) {
            if (d.has("conversationId") || d.has("upToSeq")) {
                throw WireException.badRequest("give messageId alone, or conversationId with upToSeq");
            }
            core.markDelivered().markDeliveredThrough(new MarkDeliveredThrough(caller.actor(), through)).orThrow();
            return Reply.ACK;
        }
        core.markDelivered().markDelivered(new MarkDelivered(caller.actor(),
                d.requiredId("conversationId", ConversationId::of), d.requiredInteger("upToSeq"))).orThrow();
        return Reply.ACK;
    }

    /** Exactly one of {@code conversationId}, {@code to} (the direct conversation) and {@code messageId}; {@code upToSeq?} not with a message. */
    private Reply markRead(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, READ_FIELDS);
        ConversationId conversation = d.id("conversationId", ConversationId::of);
        UserId with = d.id("to", UserId::of);
        MessageId through = d.id("messageId", MessageId::of);
        int targets = (conversation == null ? 0 : 1) + (with == null ? 0 : 1) + (through == null ? 0 : 1);
        if (targets != 1) {
            throw WireException.badRequest("give exactly one of conversationId, to and messageId");
        }
        if (through != null) {
            if (d.has("upToSeq")) {
                throw WireException.badRequest("upToSeq goes with conversationId or to, not with messageId");
            }
            core.markRead().markReadThrough(new MarkReadThrough(caller.actor(), through)).orThrow();
        } else if (with != null) {
            core.markRead().markReadWith(new MarkReadWith(caller.actor(), with, d.integer("upToSeq"))).orThrow();
        } else {
            core.markRead().markRead(new MarkRead(caller.actor(), conversation, d.integer("upToSeq"))).orThrow();
        }
        return Reply.ACK;
    }

    private Reply setStatus(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, STATUS_FIELDS);
        Availability status = Availability.parse(d.requiredText("status"))
                .orElseThrow(() -> WireException.badRequest("status must be one of " + names(Availability.values())));
        core.setStatus().setStatus(new SetStatus(caller.actor(), status)).orThrow();
        return Reply.ACK;
    }

    private Reply editMessage(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, EDIT_FIELDS);
        core.editMessage().edit(new EditMessage(caller.actor(), d.requiredId("messageId", MessageId::of),
                d.requiredText("content"))).orThrow();
        return Reply.ACK;
    }

    private Reply deleteMessage(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, DELETE_FIELDS);
        core.deleteMessage().delete(new DeleteMessage(caller.actor(), d.requiredId("messageId", MessageId::of))).orThrow();
        return Reply.ACK;
    }

    private Reply addReaction(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, REACTION_FIELDS);
        core.addReaction().addReaction(new AddReaction(caller.actor(), d.requiredId("messageId", MessageId::of),
                d.requiredText("emoji"))).orThrow();
        return Reply.ACK;
    }

    /**
     * A recipient acknowledges an urgent message: answered {@code message_acknowledged} with what the server recorded
     * (who, when), as the other devices get it.
     */
    private Reply acknowledgeMessage(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, ACKNOWLEDGE_FIELDS);
        var acknowledged = core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(caller.actor(),
                d.requiredId("messageId", MessageId::of))).orThrow().message();
        var event = WireEvents.of(new org.carechat.domain.event.ChatEvent.MessageAcknowledged(acknowledged.conversationId(),
                acknowledged.id(), caller.actor().id(), acknowledged.acknowledgements().get(caller.actor().id())));
        return reply(event.name(), event.data());
    }

    private Reply removeReaction(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, REACTION_FIELDS);
        core.removeReaction().removeReaction(new RemoveReaction(caller.actor(), d.requiredId("messageId", MessageId::of),
                d.requiredText("emoji"))).orThrow();
        return Reply.ACK;
    }

    private Reply sync(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SYNC_FIELDS);
        ConversationId conversation = d.requiredId("conversationId", ConversationId::of);
        long afterSeq = d.requiredInteger("afterSeq");
        Long limit = d.integer("limit");
        if (limit != null && (limit < 1 || limit > Integer.MAX_VALUE)) {
            throw WireException.badRequest("limit must be a positive integer");
        }
        HistoryPage page = core.readHistory().read(new ReadHistory(caller.actor(), conversation, null, afterSeq,
                limit == null ? null : limit.intValue())).orThrow();
        ObjectNode result = NODES.objectNode();
        result.put("conversationId", page.conversationId().value());
        result.set("messages", WireResources.messages(page.items()));
        result.put("hasMore", page.hasMore());
        return reply("sync_result", result);
    }

    private Reply callRequest(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, CALL_REQUEST_FIELDS);
        CallMedia media = CallMedia.parse(d.requiredText("media"))
                .orElseThrow(() -> WireException.badRequest("media must be one of " + names(CallMedia.values())));
        Call call = core.requestCall().requestCall(new RequestCall(caller.actor(), d.id("conversationId", ConversationId::of),
                d.id("to", UserId::of), media)).orThrow();
        ObjectNode result = NODES.objectNode();
        result.put("callId", call.id().value());
        result.put("conversationId", call.conversationId().value());
        result.put("media", call.media().wireName());
        return reply(CALL_REQUESTED, result);
    }

    private Reply callAccept(Caller caller, JsonNode data) {
        core.answerCall().accept(callAction(caller, data)).orThrow();
        return Reply.ACK;
    }

    private Reply callReject(Caller caller, JsonNode data) {
        core.answerCall().reject(callAction(caller, data)).orThrow();
        return Reply.ACK;
    }

    private Reply callEnd(Caller caller, JsonNode data) {
        core.answerCall().end(callAction(caller, data)).orThrow();
        return Reply.ACK;
    }

    private Reply callSignal(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SIGNAL_FIELDS);
        CallId call = d.requiredId("callId", CallId::of);
        JsonNode signal = d.raw("signal");
        if (signal == null) {
            throw WireException.badRequest("signal is required");
        }
        // relayed verbatim: the JSON text of whatever value the client sent, size-checked by the use case
        core.relayCallSignal().relay(new RelaySignal(caller.actor(), call, json.write(signal))).orThrow();
        return Reply.ACK;
    }

    private Reply auth(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, AUTH_FIELDS);
        Identity identity = auth.authenticate(d.requiredText("token")).orThrow();
        caller.renew(identity);
        return Reply.ACK;
    }

    private static Typing typing(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, TYPING_FIELDS);
        return new Typing(caller.actor(), d.id("conversationId", ConversationId::of), d.id("to", UserId::of));
    }

    private static CallAction callAction(Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, CALL_ACTION_FIELDS);
        return new CallAction(caller.actor(), d.requiredId("callId", CallId::of), d.text("reason"));
    }

    private static MessageType messageType(String name) {
        if (name == null) {
            return null;
        }
        return MessageType.parse(name)
                .orElseThrow(() -> WireException.badRequest("type must be one of " + names(MessageType.values())));
    }

    private static Reply reply(String event, ObjectNode data) {
        return new Reply(event, data);
    }

    private static ObjectNode object(String field, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(field, value);
        return node;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
