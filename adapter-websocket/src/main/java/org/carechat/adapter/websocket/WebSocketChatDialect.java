package org.carechat.adapter.websocket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carechat.application.Actor;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 000, "WebSocket Chat System": a patient and a doctor by their user ids. Its client sends
 * {@code send_message {receiverId, content, messageType, fileUrl?, fileName?}}, {@code typing_start} /
 * {@code typing_stop {receiverId}}, {@code mark_read {senderId}} and {@code set_status {status}}; it listens for
 * {@code new_message} and {@code message_sent {message}} with the seed's message ({@code _id, sender, receiver,
 * content, messageType, fileUrl, fileName, isRead, createdAt}), and for {@code typing_start},
 * {@code typing_stopped}, {@code messages_read {userId}}, {@code user_status_change {userId, isOnline, status}}
 * and {@code error {message}}, which CareChat's own events already are (with more fields).
 */
final class WebSocketChatDialect implements Dialect {
    private static final Set<String> SEND_FIELDS =
            Set.of("receiverId", "content", "messageType", "fileUrl", "fileName", "clientMessageId");
    private static final Set<String> TYPING_FIELDS = Set.of("receiverId");
    private static final Set<String> READ_FIELDS = Set.of("senderId");
    private static final Set<String> TYPES = Set.of("text", "file", "image");

    @Override
    public Map<String, EventHandler> events(DialectKit kit) {
        return Map.of(
                "send_message", (caller, data) -> send(kit, caller, data),
                "typing_start", (caller, data) -> kit.handle("typing_start", caller, typing(data)),
                "typing_stop", (caller, data) -> kit.handle("typing_stop", caller, typing(data)),
                "mark_read", (caller, data) -> {
                    ObjectNode read = DialectKit.object();
                    read.put("to", ClientData.of(data, READ_FIELDS).requiredText("senderId"));
                    return kit.handle("mark_read", caller, read);
                });
    }

    private static Reply send(DialectKit kit, Caller caller, JsonNode data) {
        ClientData d = ClientData.of(data, SEND_FIELDS);
        String receiver = d.requiredText("receiverId");
        String type = d.text("messageType") == null ? "text" : d.text("messageType");
        if (!TYPES.contains(type)) {
            throw WireException.badRequest("messageType must be one of text, file, image");
        }
        ObjectNode send = DialectKit.object();
        send.put("to", receiver);
        send.put("type", type);
        if (d.text("content") != null) {
            send.put("content", d.text("content"));
        }
        String attachment = DialectKit.attachmentId(d.text("fileUrl"), "fileUrl");
        if (attachment != null) {
            send.put("attachmentId", attachment);
        }
        if (d.text("clientMessageId") != null) {
            send.put("clientMessageId", d.text("clientMessageId"));
        }
        return new Reply("message_sent", wrap(message(kit.sendTo(caller, receiver, send), receiver)));
    }

    private static ObjectNode typing(JsonNode data) {
        ObjectNode typing = DialectKit.object();
        typing.put("to", ClientData.of(data, TYPING_FIELDS).requiredText("receiverId"));
        return typing;
    }

    @Override
    public Set<String> rewrites() {
        return Set.of("new_message");
    }

    @Override
    public List<Emit> outbound(String event, ObjectNode data, Actor self, DialectKit kit) {
        if (event.equals("new_message")) {
            ObjectNode message = kit.messageOf(data);
            return Emit.as("new_message", wrap(message(message, kit.receiverOf(self, message))));
        }
        return Emit.as(event, data);
    }

    /**
     * The seed's message, with CareChat's {@code conversationId} and {@code seq} besides (for {@code sync}), and the
     * {@code clientMessageId} it was sent with.
     */
    static ObjectNode message(ObjectNode m, String receiver) {
        ObjectNode seed = DialectKit.object();
        seed.put("_id", DialectKit.text(m, "id"));
        seed.put("sender", DialectKit.text(m, "senderId"));
        seed.put("receiver", receiver);
        JsonNode attachment = m.path("attachment");
        String type = DialectKit.text(m, "type");
        JsonNode call = m.get("call");
        if (call != null && call.isObject()) {
            seed.put("content", DialectKit.callText(call));
            seed.put("messageType", "text");
        } else {
            seed.put("content", DialectKit.text(m, "content"));
            seed.put("messageType", "text".equals(type) || "image".equals(type) ? type : "file");
        }
        seed.put("fileUrl", attachment.isObject() ? DialectKit.text(attachment, "url") : null);
        seed.put("fileName", attachment.isObject() ? DialectKit.text(attachment, "name") : null);
        seed.put("isRead", "read".equals(DialectKit.text(m, "status")));
        seed.put("createdAt", DialectKit.text(m, "createdAt"));
        DialectKit.copy(seed, m, "conversationId", "seq", "clientMessageId");
        return seed;
    }

    private static ObjectNode wrap(ObjectNode message) {
        ObjectNode data = DialectKit.object();
        data.set("message", message);
        return data;
    }
}
