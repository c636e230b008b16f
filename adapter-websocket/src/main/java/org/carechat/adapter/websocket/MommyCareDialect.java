package org.carechat.adapter.websocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.carechat.application.Actor;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.conversation.SetPinnedUseCase.SetPinned;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 004, "MommyCare Chat Backend": the largest event set (rooms, receipts, availability, reactions, edits,
 * deletes, mute and pin, voice and video calls). Its document names the events; their payloads are read from its
 * REST section ({@code recipientId}, {@code conversationId}, {@code messageId}, {@code emoji}, {@code content},
 * {@code messageType}, {@code file {filename, path, size, mimetype}}, {@code replyTo}, {@code status}), as
 * docs/socketio-dialects.md lists them. Its client sends messages over REST; this dialect also takes them as
 * {@code send_message} with those fields.
 */
final class MommyCareDialect implements Dialect {
    private static final Set<String> SEND_FIELDS =
            Set.of("recipientId", "conversationId", "content", "messageType", "file", "attachmentId", "replyTo",
                    "clientMessageId");
    private static final Set<String> FILE_FIELDS = Set.of("filename", "path", "size", "mimetype");
    private static final Set<String> TYPING_FIELDS = Set.of("conversationId", "recipientId");
    private static final Set<String> RECEIPT_FIELDS = Set.of("messageId", "conversationId");
    private static final Set<String> AVAILABILITY_FIELDS = Set.of("availability", "status");
    private static final Set<String> REACTION_FIELDS = Set.of("messageId", "emoji", "conversationId");
    private static final Set<String> EDIT_FIELDS = Set.of("messageId", "content", "conversationId");
    private static final Set<String> DELETE_FIELDS = Set.of("messageId", "conversationId");
    private static final Set<String> MUTE_FIELDS = Set.of("conversationId", "isMuted");
    private static final Set<String> PIN_FIELDS = Set.of("conversationId", "isPinned");
    private static final Set<String> CALL_REQUEST_FIELDS = Set.of("recipientId", "conversationId");
    private static final Set<String> CALL_ACTION_FIELDS = Set.of("callId", "reason");

    @Override
    public Map<String, EventHandler> events(DialectKit kit) {
        Map<String, EventHandler> events = new TreeMap<>();
        events.put("join", (caller, data) -> {
            DialectKit.requireSelf(caller, DialectKit.idArgument(data, "userId"), "join");
            return Reply.ACK;
        });
        events.put("leave", (caller, data) -> {
            if (data != null && !data.isNull() && !(data.isObject() && data.isEmpty())) {
                // leave(userId), as join(userId): only one's own
                DialectKit.requireSelf(caller, DialectKit.idArgument(data, "userId"), "leave");
            }
            if (caller instanceof SocketIoSocket socket) {
                socket.leaveAfterReply();
            }
            return Reply.ACK;
        });
        events.put("join_conversation", (caller, data) -> {
            kit.core().getConversation().get(new GetConversation(caller.actor(),
                    DialectKit.idArgument(data, "conversationId", ConversationId::of))).orThrow();
            return Reply.ACK;
        });
        events.put("leave_conversation", (caller, data) -> {
            DialectKit.idArgument(data, "conversationId", ConversationId::of);
            return Reply.ACK;
        });
        events.put("send_message", (caller, data) -> send(kit, caller, data));
        events.put("typing_start", (caller, data) -> kit.handle("typing_start", caller, typing(data)));
        events.put("typing_stop", (caller, data) -> kit.handle("typing_stop", caller, typing(data)));
        events.put("message_delivered", (caller, data) -> {
            ObjectNode receipt = receipt(data);
            if (!receipt.has("messageId")) {
                throw WireException.badRequest("message_delivered names the last message delivered: messageId");
            }
            return kit.handle("mark_delivered", caller, receipt);
        });
        events.put("message_read", (caller, data) -> kit.handle("mark_read", caller, receipt(data)));
        events.put("user_away", (caller, data) -> {
            DialectKit.noData(data, "user_away");
            return kit.handle("set_status", caller, status("away"));
        });
        events.put("user_back", (caller, data) -> {
            DialectKit.noData(data, "user_back");
            return kit.handle("set_status", caller, status("available"));
        });
        events.put("update_availability", (caller, data) -> {
            ClientData d = ClientData.of(data, AVAILABILITY_FIELDS);
            if (d.has("availability") == d.has("status")) {
                throw WireException.badRequest("give availability: available, busy or away");
            }
            return kit.handle("set_status", caller, status(d.requiredText(d.has("availability") ? "availability" : "status")));
        });
        events.put("message_reaction_added", (caller, data) -> kit.handle("add_reaction", caller, reaction(data)));
        events.put("message_reaction_removed", (caller, data) -> kit.handle("remove_reaction", caller, reaction(data)));
        events.put("message_edited", (caller, data) -> {
            ClientData d = ClientData.of(data, EDIT_FIELDS);
            ObjectNode edit = DialectKit.object();
            edit.put("messageId", d.requiredText("messageId"));
            edit.put("content", d.requiredText("content"));
            return kit.handle("edit_message", caller, edit);
        });
        events.put("message_deleted", (caller, data) -> {
            ObjectNode delete = DialectKit.object();
            delete.put("messageId", ClientData.of(data, DELETE_FIELDS).requiredText("messageId"));
            return kit.handle("delete_message", caller, delete);
        });
        events.put("chat_mute_toggled", (caller, data) -> mute(kit, caller, data));
        events.put("chat_pin_toggled", (caller, data) -> pin(kit, caller, data));
        events.put("voice_call_request", (caller, data) -> kit.handle("call_request", caller, callRequest(data, "audio")));
        events.put("video_call_request", (caller, data) -> kit.handle("call_request", caller, callRequest(data, "video")));
        events.put("call_accepted", (caller, data) -> kit.handle("call_accept", caller, callAction(data)));
        events.put("call_rejected", (caller, data) -> kit.handle("call_reject", caller, callAction(data)));
        events.put("call_ended", (caller, data) -> kit.handle("call_end", caller, callAction(data)));
        return events;
    }

    private static Reply send(DialectKit kit, Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SEND_FIELDS);
        ObjectNode send = DialectKit.object();
        if (d.has("recipientId") == d.has("conversationId")) {
            throw WireException.badRequest("give recipientId or conversationId");
        }
        DialectKit.copy(send, data, "conversationId", "content", "replyTo", "clientMessageId");
        if (d.has("recipientId")) {
            send.put("to", d.requiredText("recipientId"));
        }
        if (d.has("messageType")) {
            send.put("type", d.requiredText("messageType"));
        }
        JsonNode file = d.raw("file");
        if (file != null && d.has("attachmentId")) {
            throw WireException.badRequest("give file or attachmentId, not both");
        }
        String attachment = file != null
                ? DialectKit.attachmentId(ClientData.of(file, FILE_FIELDS).requiredText("path"), "file.path")
                : DialectKit.attachmentId(d.text("attachmentId"), "attachmentId");
        if (attachment != null) {
            send.put("attachmentId", attachment);
        }
        ObjectNode message = kit.sendTo(caller, d.text("recipientId"), send);
        return new Reply("message_sent", wrap(message(message, kit.receiverOf(caller.actor(), message)), message));
    }

    private static ObjectNode typing(JsonNode data) {
        ClientData d = ClientData.of(data, TYPING_FIELDS);
        if (d.has("recipientId") == d.has("conversationId")) {
            throw WireException.badRequest("give conversationId or recipientId");
        }
        ObjectNode typing = DialectKit.object();
        if (d.has("conversationId")) {
            typing.put("conversationId", d.requiredText("conversationId"));
        } else {
            typing.put("to", d.requiredText("recipientId"));
        }
        return typing;
    }

    /** {@code {messageId}}: up to that message; {@code {conversationId}} alone (read only): the whole conversation. */
    private static ObjectNode receipt(JsonNode data) {
        ClientData d = ClientData.of(data, RECEIPT_FIELDS);
        ObjectNode receipt = DialectKit.object();
        if (d.has("messageId")) {
            receipt.put("messageId", d.requiredText("messageId"));
        } else {
            receipt.put("conversationId", d.requiredText("conversationId"));
        }
        return receipt;
    }

    private static ObjectNode status(String status) {
        ObjectNode data = DialectKit.object();
        data.put("status", status);
        return data;
    }

    private static ObjectNode reaction(JsonNode data) {
        ClientData d = ClientData.of(data, REACTION_FIELDS);
        ObjectNode reaction = DialectKit.object();
        reaction.put("messageId", d.requiredText("messageId"));
        reaction.put("emoji", d.requiredText("emoji"));
        return reaction;
    }

    /** Toggles the caller's mute of a conversation, or sets it to {@code isMuted} when given. */
    private static Reply mute(DialectKit kit, Caller caller, JsonNode data) {
        return toggle(kit, caller, ClientData.of(data, MUTE_FIELDS), "isMuted", ConversationView::muted,
                (id, on) -> kit.core().setMuted().setMuted(new SetMuted(caller.actor(), id, on)), "chat_mute_status_changed");
    }

    /** Toggles the caller's pin of a conversation, or sets it to {@code isPinned} when given. */
    private static Reply pin(DialectKit kit, Caller caller, JsonNode data) {
        return toggle(kit, caller, ClientData.of(data, PIN_FIELDS), "isPinned", ConversationView::pinned,
                (id, on) -> kit.core().setPinned().setPinned(new SetPinned(caller.actor(), id, on)), "chat_pin_status_changed");
    }

    /**
     * One of the caller's own flags on a conversation: set to {@code flag} when the client gives it, else the
     * opposite of what it is now; answered {@code <reply> {conversationId, <flag>}} as it now is.
     */
    private static Reply toggle(DialectKit kit, Caller caller, ClientData d, String flag,
                                java.util.function.Predicate<ConversationView> current,
                                java.util.function.BiFunction<ConversationId, Boolean, Result<ConversationView>> set,
                                String reply) {
        ConversationId id = d.requiredId("conversationId", ConversationId::of);
        Boolean wanted = d.bool(flag);
        boolean on = wanted != null ? wanted
                : !current.test(kit.core().getConversation().get(new GetConversation(caller.actor(), id)).orThrow());
        ConversationView view = set.apply(id, on).orThrow();
        ObjectNode changed = DialectKit.object();
        changed.put("conversationId", id.value());
        changed.put(flag, current.test(view));
        return new Reply(reply, changed);
    }

    private static ObjectNode callRequest(JsonNode data, String media) {
        ClientData d = ClientData.of(data, CALL_REQUEST_FIELDS);
        if (d.has("recipientId") == d.has("conversationId")) {
            throw WireException.badRequest("give recipientId or conversationId");
        }
        ObjectNode request = DialectKit.object();
        if (d.has("recipientId")) {
            request.put("to", d.requiredText("recipientId"));
        } else {
            request.put("conversationId", d.requiredText("conversationId"));
        }
        request.put("media", media);
        return request;
    }

    private static ObjectNode callAction(JsonNode data) {
        ClientData d = ClientData.of(data, CALL_ACTION_FIELDS);
        ObjectNode action = DialectKit.object();
        action.put("callId", d.requiredText("callId"));
        if (d.text("reason") != null) {
            action.put("reason", d.text("reason"));
        }
        return action;
    }

    @Override
    public Set<String> rewrites() {
        return Set.of("new_message", "message_edited", "messages_delivered", "messages_read", "typing_start",
                "typing_stopped", "user_status_change", "message_reaction_updated", "incoming_call");
    }

    @Override
    public List<Emit> outbound(String event, ObjectNode data, Actor self, DialectKit kit) {
        switch (event) {
            case "new_message", "message_edited" -> {
                ObjectNode m = kit.messageOf(data);
                return Emit.as(event, wrap(message(m, kit.receiverOf(self, m)), m));
            }
            case "messages_delivered", "messages_read" -> {
                ObjectNode update = DialectKit.object();
                String conversation = DialectKit.text(data, "conversationId");
                update.put("conversationId", conversation);
                update.put("messageId", kit.messageAt(conversation, data.path("upToSeq").asLong(0)));
                DialectKit.copy(update, data, "userId");
                update.put("status", event.equals("messages_read") ? "read" : "delivered");
                DialectKit.copy(update, data, "upToSeq", "at");
                return Emit.as("message_status_update", update);
            }
            case "typing_start", "typing_stopped" -> {
                ObjectNode typing = DialectKit.copy(DialectKit.object(), data, "conversationId", "userId");
                typing.put("isTyping", event.equals("typing_start"));
                return Emit.as("typing_indicator", typing);
            }
            case "user_status_change" -> {
                ObjectNode availability = DialectKit.copy(DialectKit.object(), data, "userId");
                availability.set("availability", data.get("status"));
                return List.of(new Emit(event, data), new Emit("user_availability_change", availability));
            }
            case "message_reaction_updated" -> {
                ObjectNode reactions = DialectKit.copy(DialectKit.object(), data, "conversationId", "messageId");
                reactions.set("reactions", reactions(data.path("reactions")));
                return Emit.as(event, reactions);
            }
            case "incoming_call" -> {
                return Emit.as("video".equals(DialectKit.text(data, "media")) ? "incoming_video_call" : "incoming_voice_call",
                        data);
            }
            default -> {
                return Emit.as(event, data);
            }
        }
    }

    /** CareChat's {@code {"👍": ["d1"]}} as the seed's list {@code [{user: "d1", emoji: "👍"}]}. */
    private static ArrayNode reactions(JsonNode byEmoji) {
        ArrayNode list = DialectKit.object().arrayNode();
        byEmoji.properties().forEach(entry -> entry.getValue().forEach(user -> {
            ObjectNode reaction = list.addObject();
            reaction.set("user", user);
            reaction.put("emoji", entry.getKey());
        }));
        return list;
    }

    /** {@code {message, conversationId}}: the seed's message, and its conversation beside it. */
    private static ObjectNode wrap(ObjectNode seed, ObjectNode m) {
        ObjectNode data = DialectKit.object();
        data.set("message", seed);
        DialectKit.copy(data, m, "conversationId");
        return data;
    }

    /**
     * The seed's message: {@code _id, conversationId, sender, recipient, content, messageType, file {filename,
     * path, size, mimetype} | null, replyTo, status, reactions [{user, emoji}], isEdited, editedAt, isDeleted,
     * createdAt}, and CareChat's {@code seq}.
     */
    static ObjectNode message(ObjectNode m, String recipient) {
        ObjectNode seed = DialectKit.object();
        seed.put("_id", DialectKit.text(m, "id"));
        DialectKit.copy(seed, m, "conversationId");
        seed.put("sender", DialectKit.text(m, "senderId"));
        seed.put("recipient", recipient);
        seed.put("content", DialectKit.text(m, "content"));
        seed.put("messageType", DialectKit.text(m, "type"));
        JsonNode attachment = m.path("attachment");
        if (attachment.isObject()) {
            ObjectNode file = seed.putObject("file");
            file.set("filename", attachment.get("name"));
            file.set("path", attachment.get("url"));
            file.set("size", attachment.get("size"));
            file.set("mimetype", attachment.get("mimeType"));
        } else {
            seed.putNull("file");
        }
        DialectKit.copy(seed, m, "replyTo", "status");
        seed.set("reactions", reactions(m.path("reactions")));
        seed.put("isEdited", DialectKit.text(m, "editedAt") != null);
        DialectKit.copy(seed, m, "editedAt");
        seed.put("isDeleted", m.path("deleted").asBoolean(false));
        DialectKit.copy(seed, m, "createdAt", "seq", "call");
        return seed;
    }
}
