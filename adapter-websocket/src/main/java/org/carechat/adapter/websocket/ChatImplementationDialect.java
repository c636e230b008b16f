package org.carechat.adapter.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.application.conversation.GetConversationUseCase.GetDirect;
import org.carechat.application.messaging.ReadHistoryUseCase.HistoryPage;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 003, "WebSocket Chat Implementation": camel-cased events and bare messages. Its client sends
 * {@code setUserId(userId)}, {@code sendMessage {senderId, receiverId, text, file?}}, {@code typing {receiverId,
 * isTyping}}, {@code getChatHistory {userId1, userId2, limit, skip}} and {@code messageRead {messageId}}; it
 * listens for {@code receiveMessage} and {@code messageSent} (the message itself: {@code _id, senderId, receiverId,
 * text, file, createdAt}), {@code messageError {error}}, {@code userOnline {userId, isOnline}}, {@code userTyping
 * {userId, isTyping}} and {@code chatHistory} (an array of messages). Its client connects without a token; on
 * CareChat it must give one, and {@code setUserId} and {@code senderId} may only name the token's user.
 */
final class ChatImplementationDialect implements Dialect {
    private static final Set<String> SEND_FIELDS = Set.of("senderId", "receiverId", "text", "file", "clientMessageId");
    private static final Set<String> FILE_FIELDS = Set.of("url", "type", "name", "size");
    private static final Set<String> HISTORY_FIELDS = Set.of("userId1", "userId2", "limit", "skip");
    private static final Set<String> READ_FIELDS = Set.of("messageId");
    /** getChatHistory's page when the client names none, as the seed's. */
    static final int DEFAULT_HISTORY_LIMIT = 50;

    @Override
    public Map<String, EventHandler> events(DialectKit kit) {
        return Map.of(
                "setUserId", (caller, data) -> {
                    DialectKit.requireSelf(caller, DialectKit.idArgument(data, "userId"), "setUserId");
                    return Reply.ACK;
                },
                "sendMessage", (caller, data) -> send(kit, caller, data),
                "typing", (caller, data) -> kit.typing(caller, data, "receiverId", "to"),
                "getChatHistory", (caller, data) -> history(kit, caller, data),
                "messageRead", (caller, data) -> {
                    ObjectNode read = DialectKit.object();
                    read.put("messageId", ClientData.of(data, READ_FIELDS).requiredText("messageId"));
                    return kit.handle("mark_read", caller, read);
                });
    }

    private static Reply send(DialectKit kit, Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SEND_FIELDS);
        if (d.has("senderId")) {
            DialectKit.requireSelf(caller, d.requiredText("senderId"), "senderId");
        }
        String receiver = d.requiredText("receiverId");
        ObjectNode send = DialectKit.object();
        send.put("to", receiver);
        if (d.text("text") != null) {
            send.put("content", d.text("text"));
        }
        JsonNode file = d.raw("file");
        if (file != null) {
            ClientData f = ClientData.of(file, FILE_FIELDS);
            send.put("attachmentId", DialectKit.attachmentId(f.requiredText("url"), "file.url"));
            send.put("type", typeOf(f.text("type")));
        }
        if (d.text("clientMessageId") != null) {
            send.put("clientMessageId", d.text("clientMessageId"));
        }
        return new Reply("messageSent", message(kit.sendTo(caller, receiver, send), receiver));
    }

    /** The seed's file types (image, video, audio, document) as CareChat's message types. */
    private static String typeOf(String seedType) {
        if (seedType == null || seedType.equals("document")) {
            return "file";
        }
        if (seedType.equals("image") || seedType.equals("video") || seedType.equals("audio")) {
            return seedType;
        }
        throw WireException.badRequest("file.type must be one of image, video, audio, document");
    }

    /**
     * The seed's page: the {@code limit} messages before the newest {@code skip}, oldest first, of the direct
     * conversation of the two users (one of them the caller); none when they have no conversation yet.
     */
    private static Reply history(DialectKit kit, Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, HISTORY_FIELDS);
        String self = caller.actor().id().value();
        String first = d.requiredId("userId1", UserId::of).value();
        String second = d.requiredId("userId2", UserId::of).value();
        if (!first.equals(self) && !second.equals(self)) {
            throw org.carechat.domain.failure.Refusal.notFound("conversation");
        }
        String other = first.equals(self) ? second : first;
        if (other.equals(self)) {
            throw WireException.badRequest("userId1 and userId2 are two different users");
        }
        Long limit = d.integer("limit");
        Long skip = d.integer("skip");
        if (limit != null && (limit < 1 || limit > Integer.MAX_VALUE)) {
            throw WireException.badRequest("limit must be a positive integer");
        }
        if (skip != null && skip < 0) {
            throw WireException.badRequest("skip must not be negative");
        }
        ArrayNode messages = DialectKit.object().arrayNode();
        Result<ConversationView> direct = kit.core().getConversation().direct(new GetDirect(caller.actor(), UserId.of(other)));
        if (!direct.isOk()) {
            if (direct.failure() instanceof ChatFailure.NotFound) {
                return new Reply("chatHistory", messages);
            }
            direct.orThrow();
        }
        ConversationView conversation = direct.orThrow();
        long before = conversation.conversation().lastSeq() - (skip == null ? 0 : skip) + 1;
        if (before <= 1) {
            return new Reply("chatHistory", messages);
        }
        HistoryPage page = kit.core().readHistory().read(new ReadHistory(caller.actor(), conversation.conversation().id(),
                before, null, limit == null ? DEFAULT_HISTORY_LIMIT : limit.intValue())).orThrow();
        List<MessageView> oldestFirst = new ArrayList<>(page.items());
        java.util.Collections.reverse(oldestFirst);
        for (MessageView view : oldestFirst) {
            ObjectNode m = WireResources.message(view);
            kit.remember(m);
            messages.add(message(m, view.message().senderId().value().equals(self) ? other : self));
        }
        return new Reply("chatHistory", messages);
    }

    @Override
    public Set<String> rewrites() {
        return Set.of("new_message", "typing_start", "typing_stopped", "user_status_change");
    }

    @Override
    public List<Emit> outbound(String event, ObjectNode data, Actor self, DialectKit kit) {
        switch (event) {
            case "new_message" -> {
                ObjectNode m = kit.messageOf(data);
                boolean own = self.id().value().equals(DialectKit.text(m, "senderId"));
                return Emit.as(own ? "messageSent" : "receiveMessage", message(m, kit.receiverOf(self, m)));
            }
            case "typing_start", "typing_stopped" -> {
                ObjectNode typing = DialectKit.object();
                DialectKit.copy(typing, data, "userId");
                typing.put("isTyping", event.equals("typing_start"));
                DialectKit.copy(typing, data, "conversationId");
                return Emit.as("userTyping", typing);
            }
            case "user_status_change" -> {
                return Emit.as("userOnline", DialectKit.copy(DialectKit.object(), data, "userId", "isOnline", "status", "lastSeen"));
            }
            default -> {
                return Emit.as(event, data);
            }
        }
    }

    /** A refusal of {@code sendMessage} is the seed's {@code messageError {error}}; any other, CareChat's {@code error}. */
    @Override
    public Emit error(String event, ErrorCode code, String message, Long retryAfterMs) {
        Emit error = Dialect.super.error(event, code, message, retryAfterMs);
        if (!"sendMessage".equals(event)) {
            return error;
        }
        ObjectNode data = DialectKit.object();
        data.put("error", message);
        DialectKit.copy(data, error.data(), "code", "retryAfterMs");
        return new Emit("messageError", data);
    }

    /** The seed's message: {@code text} for content and {@code file {url, type, name, size}}; CareChat's ids besides. */
    static ObjectNode message(ObjectNode m, String receiver) {
        ObjectNode seed = DialectKit.object();
        seed.put("_id", DialectKit.text(m, "id"));
        seed.put("senderId", DialectKit.text(m, "senderId"));
        seed.put("receiverId", receiver);
        JsonNode call = m.get("call");
        seed.put("text", call != null && call.isObject() ? DialectKit.callText(call) : DialectKit.text(m, "content"));
        JsonNode attachment = m.path("attachment");
        if (attachment.isObject()) {
            ObjectNode file = seed.putObject("file");
            file.put("url", DialectKit.text(attachment, "url"));
            String type = DialectKit.text(m, "type");
            file.put("type", "image".equals(type) || "video".equals(type) || "audio".equals(type) ? type : "document");
            file.put("name", DialectKit.text(attachment, "name"));
            DialectKit.copy(file, attachment, "size");
        } else {
            seed.putNull("file");
        }
        seed.put("createdAt", DialectKit.text(m, "createdAt"));
        seed.put("updatedAt", DialectKit.text(m, "editedAt") == null ? DialectKit.text(m, "createdAt") : DialectKit.text(m, "editedAt"));
        DialectKit.copy(seed, m, "conversationId", "seq");
        return seed;
    }
}
