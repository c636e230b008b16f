package org.carechat.adapter.websocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 001, "Complete Full-Stack Patient Chat System": chats by id (a chat is a CareChat conversation, its
 * {@code chatId} the conversation's id). Its document names the events and not their payloads; the payloads
 * here are the plain reading of those names, written down in docs/socketio-dialects.md. Its client sends
 * {@code joinChat} / {@code leaveChat (chatId)}, {@code typing {chatId, isTyping}}, {@code messageDelivered} /
 * {@code messageRead {messageId}} and {@code setOnlineStatus {status}}, and sends messages over REST; it listens
 * for {@code newMessage}, {@code typing}, {@code messageReadBy}, {@code messageDelivered} and
 * {@code userStatusChanged}. {@code userJoined} / {@code userLeft} (who has a chat open) are never sent: CareChat
 * has no chat rooms, every device of a participant gets every event of the conversation.
 */
final class PatientChatDialect implements Dialect {
    private static final Set<String> RECEIPT_FIELDS = Set.of("messageId", "chatId");
    private static final Set<String> STATUS_FIELDS = Set.of("status", "isOnline");

    @Override
    public Map<String, EventHandler> events(DialectKit kit) {
        return Map.of(
                "joinChat", (caller, data) -> {
                    // the chat must be the caller's: joining one that is not is NOT_FOUND, as everywhere
                    kit.core().getConversation().get(new GetConversation(caller.actor(),
                            DialectKit.idArgument(data, "chatId", ConversationId::of))).orThrow();
                    return Reply.ACK;
                },
                "leaveChat", (caller, data) -> {
                    DialectKit.idArgument(data, "chatId", ConversationId::of);
                    return Reply.ACK;
                },
                "typing", (caller, data) -> kit.typing(caller, data, "chatId", "conversationId"),
                "messageDelivered", (caller, data) -> kit.handle("mark_delivered", caller, receipt(data)),
                "messageRead", (caller, data) -> kit.handle("mark_read", caller, receipt(data)),
                "setOnlineStatus", (caller, data) -> kit.handle("set_status", caller, status(data)));
    }

    /** A receipt names the message; its chat is the message's own. */
    private static ObjectNode receipt(JsonNode data) {
        ObjectNode receipt = DialectKit.object();
        receipt.put("messageId", ClientData.of(data, RECEIPT_FIELDS).requiredText("messageId"));
        return receipt;
    }

    /** {@code {status: available|busy|away}}, or {@code {isOnline}}: online is {@code available}, not {@code away}. */
    static ObjectNode status(JsonNode data) {
        ClientData d = ClientData.of(data, STATUS_FIELDS);
        ObjectNode status = DialectKit.object();
        if (d.has("status") == d.has("isOnline")) {
            throw WireException.badRequest("give status (available, busy, away) or isOnline");
        }
        status.put("status", d.has("status") ? d.requiredText("status") : d.requiredBool("isOnline") ? "available" : "away");
        return status;
    }

    @Override
    public Set<String> rewrites() {
        return Set.of("new_message", "typing_start", "typing_stopped", "messages_read", "messages_delivered",
                "user_status_change");
    }

    @Override
    public List<Emit> outbound(String event, ObjectNode data, Actor self, DialectKit kit) {
        switch (event) {
            case "new_message" -> {
                ObjectNode m = kit.messageOf(data);
                return Emit.as("newMessage", message(m));
            }
            case "typing_start", "typing_stopped" -> {
                ObjectNode typing = DialectKit.object();
                typing.set("chatId", data.get("conversationId"));
                DialectKit.copy(typing, data, "userId");
                typing.put("isTyping", event.equals("typing_start"));
                return Emit.as("typing", typing);
            }
            case "messages_read" -> {
                return Emit.as("messageReadBy", receipt(data, kit, "readAt"));
            }
            case "messages_delivered" -> {
                return Emit.as("messageDelivered", receipt(data, kit, "deliveredAt"));
            }
            case "user_status_change" -> {
                return Emit.as("userStatusChanged", data);
            }
            default -> {
                return Emit.as(event, data);
            }
        }
    }

    /** A receipt as the seed's: the chat, who, the last message it covers (when known) and its seq, and when. */
    private static ObjectNode receipt(ObjectNode data, DialectKit kit, String at) {
        ObjectNode receipt = DialectKit.object();
        String chat = DialectKit.text(data, "conversationId");
        receipt.put("chatId", chat);
        DialectKit.copy(receipt, data, "userId");
        receipt.put("messageId", kit.messageAt(chat, data.path("upToSeq").asLong(0)));
        DialectKit.copy(receipt, data, "upToSeq");
        receipt.set(at, data.get("at"));
        return receipt;
    }

    /** The seed's message (a Mongoose document: {@code _id}, its {@code chatId}, {@code sender}, {@code status}). */
    static ObjectNode message(ObjectNode m) {
        ObjectNode seed = DialectKit.object();
        seed.put("_id", DialectKit.text(m, "id"));
        seed.put("chatId", DialectKit.text(m, "conversationId"));
        seed.put("sender", DialectKit.text(m, "senderId"));
        JsonNode call = m.get("call");
        seed.put("content", call != null && call.isObject() ? DialectKit.callText(call) : DialectKit.text(m, "content"));
        seed.put("messageType", DialectKit.text(m, "type"));
        seed.set("attachment", m.get("attachment"));
        seed.put("status", DialectKit.text(m, "status"));
        seed.put("createdAt", DialectKit.text(m, "createdAt"));
        DialectKit.copy(seed, m, "seq", "replyTo", "editedAt", "deleted");
        return seed;
    }
}
