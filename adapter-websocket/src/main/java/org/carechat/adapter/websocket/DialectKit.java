package org.carechat.adapter.websocket;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ClientData;
import org.carechat.wire.WireException;
import org.carechat.wire.WireResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every seed dialect is built from: CareChat's own event handlers (a seed event is read into the data of
 * the CareChat event it stands for, then handled by that very handler, with its checks), the core, and two
 * small memories shared by the dialect sockets of this server, since a seed's payloads name things CareChat's
 * events leave out: who the other person of a conversation is (a seed message has a receiver), and which message
 * has a given seq (a seed receipt names a message, CareChat's a seq).
 */
final class DialectKit {
    /** Conversations whose participants are remembered; their participants never change. */
    static final int REMEMBERED_CONVERSATIONS = 10_000;
    /** Messages whose seq is remembered, by conversation and seq, the most recently seen kept. */
    static final int REMEMBERED_MESSAGES = 50_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, EventHandler> careChat;
    private final CareChatCore core;
    private final Map<String, List<UserId>> participants = lru(REMEMBERED_CONVERSATIONS);
    private final Map<String, String> messageIds = lru(REMEMBERED_MESSAGES);

    DialectKit(Map<String, EventHandler> careChat, CareChatCore core) {
        this.careChat = Map.copyOf(careChat);
        this.core = Objects.requireNonNull(core, "core");
    }

    CareChatCore core() {
        return core;
    }

    /** Handles {@code data} as CareChat's {@code event} would from this caller: the same reading, checks and use case. */
    Reply handle(String event, Caller caller, ObjectNode data) {
        EventHandler handler = careChat.get(event);
        if (handler == null) {
            throw new IllegalStateException("CareChat has no event " + event);
        }
        return handler.handle(caller, data);
    }

    /**
     * Sends {@code send} (CareChat's {@code send_message} data) to {@code receiver}, and the message as stored, read
     * and remembered, with {@code receiver} learnt as the other person of its conversation.
     */
    ObjectNode sendTo(Caller caller, String receiver, ObjectNode send) {
        ObjectNode message = sentMessage(handle("send_message", caller, send));
        learnPeer(caller.actor(), text(message, "conversationId"), receiver);
        return message;
    }

    /**
     * A seed's one typing event with a flag ({@code {<seedField>, isTyping}}, on when absent) as CareChat's
     * {@code typing_start} or {@code typing_stop} with {@code careField} ({@code to} or {@code conversationId}).
     */
    Reply typing(Caller caller, JsonNode data, String seedField, String careField) {
        ClientData d = ClientData.of(data, java.util.Set.of(seedField, "isTyping"));
        ObjectNode typing = object();
        typing.put(careField, d.requiredText(seedField));
        Boolean on = d.bool("isTyping");
        return handle(on == null || on ? "typing_start" : "typing_stop", caller, typing);
    }

    /** The message of a {@code message_sent} reply, as a tree (built from the stored message), and remembered. */
    ObjectNode sentMessage(Reply reply) {
        ObjectNode message = WireResources.message(Objects.requireNonNull(reply.message(), "a message_sent reply's message"));
        remember(message);
        return message;
    }

    /**
     * The person a message of {@code self}'s is shown as going to: {@code self} when someone else sent it, else
     * the first other participant of its conversation (null when that cannot be told: a conversation that is not
     * theirs).
     */
    String receiverOf(Actor self, ObjectNode message) {
        String sender = message.path("senderId").asString(null);
        if (!self.id().value().equals(sender)) {
            return self.id().value();
        }
        return peerOf(self, message.path("conversationId").asString(null));
    }

    /** The first participant of a conversation of {@code self}'s other than {@code self}; null if not theirs. */
    String peerOf(Actor self, String conversationId) {
        if (conversationId == null) {
            return null;
        }
        List<UserId> known;
        synchronized (participants) {
            known = participants.get(conversationId);
        }
        if (known == null) {
            Optional<Conversation> found;
            try {
                found = core.ports().conversations().find(ConversationId.of(conversationId));
            } catch (RuntimeException unreadable) {
                return null; // a receiver left out is better than an event lost
            }
            if (found.isEmpty()) {
                return null;
            }
            known = found.get().participants();
            synchronized (participants) {
                participants.put(conversationId, known);
            }
        }
        if (!known.contains(self.id())) {
            return null;
        }
        return known.stream().filter(id -> !id.equals(self.id())).map(UserId::value).findFirst().orElse(null);
    }

    /** Learns that {@code peer} is the other person of a conversation {@code self} just wrote to. */
    void learnPeer(Actor self, String conversationId, String peer) {
        if (conversationId != null && peer != null && !peer.equals(self.id().value())) {
            synchronized (participants) {
                participants.putIfAbsent(conversationId, List.of(self.id(), UserId.of(peer)));
            }
        }
    }

    /** The message an event carries ({@code new_message}, {@code message_edited}), remembered. */
    ObjectNode messageOf(ObjectNode event) {
        ObjectNode message = (ObjectNode) event.get("message");
        remember(message);
        return message;
    }

    /** Remembers which message has its seq, for receipts that name a message. */
    void remember(ObjectNode message) {
        String conversation = message.path("conversationId").asString(null);
        String id = message.path("id").asString(null);
        if (conversation != null && id != null && message.path("seq").isIntegralNumber()) {
            synchronized (messageIds) {
                messageIds.put(conversation + ' ' + message.path("seq").asLong(), id);
            }
        }
    }

    /** The id of the message with {@code seq} in a conversation, if one has passed through a dialect socket. */
    String messageAt(String conversationId, long seq) {
        synchronized (messageIds) {
            return messageIds.get(conversationId + ' ' + seq);
        }
    }

    /**
     * An attachment named the way the seeds name files: CareChat's attachment id, or its url
     * ({@code /api/chat/attachments/{id}}, relative or absolute, as a message's {@code attachment.url} gives it).
     */
    static String attachmentId(String value, String field) {
        if (value == null) {
            return null;
        }
        String path = value;
        if (value.contains("/")) {
            try {
                path = URI.create(value.trim()).getPath();
            } catch (IllegalArgumentException unreadable) {
                path = null;
            }
            if (path == null || !path.startsWith(WireResources.ATTACHMENT_PATH)
                    || path.length() == WireResources.ATTACHMENT_PATH.length()) {
                throw WireException.badRequest(field + " must be a CareChat attachment (its id, or its url "
                        + WireResources.ATTACHMENT_PATH + "{id}): upload the file with POST " + WireResources.ATTACHMENT_PATH
                        .substring(0, WireResources.ATTACHMENT_PATH.length() - 1) + " first");
            }
            path = path.substring(WireResources.ATTACHMENT_PATH.length());
        }
        if (path.isBlank() || path.contains("/")) {
            throw WireException.badRequest(field + " must be a CareChat attachment id or url");
        }
        return path;
    }

    /**
     * A seed argument that is one id: the bare string ({@code socket.emit('join', userId)}) or an object holding
     * it under {@code field} (and nothing else).
     */
    static String idArgument(JsonNode data, String field) {
        if (data != null && data.isString()) {
            if (data.stringValue().isBlank()) {
                throw WireException.badRequest(field + " must not be blank");
            }
            return data.stringValue();
        }
        return ClientData.of(data, java.util.Set.of(field)).requiredText(field);
    }

    /** As {@link #idArgument(JsonNode, String)}, read as an id of {@code type}: one that is not is BAD_REQUEST. */
    static <T> T idArgument(JsonNode data, String field, java.util.function.Function<String, T> type) {
        return ClientData.pathId(idArgument(data, field), field, type);
    }

    /** An event that takes no data: none, null or {@code {}}; anything else is BAD_REQUEST. */
    static void noData(JsonNode data, String event) {
        if (data != null && !data.isNull() && !(data.isObject() && data.isEmpty())) {
            throw WireException.badRequest(event + " takes no data");
        }
    }

    /** {@code id} must be the caller's own: a seed client that says who it is may only say the truth. */
    static void requireSelf(Caller caller, String id, String what) {
        if (!caller.actor().id().value().equals(id)) {
            throw new Refusal(new ChatFailure.Unauthorized(what + " names another user than the token's"));
        }
    }

    /** How a call message reads in a dialect that has no calls: "Video call (missed)", "Voice call (completed, 95 s)". */
    static String callText(JsonNode call) {
        String media = "video".equals(call.path("media").asString("")) ? "Video call" : "Voice call";
        String outcome = call.path("outcome").asString("ended");
        long seconds = call.path("durationSeconds").asLong(0);
        return media + " (" + outcome + (seconds > 0 ? ", " + seconds + " s" : "") + ")";
    }

    /** A string field of a CareChat payload, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code source}'s fields {@code names}, copied as they are (absent ones left out). */
    static ObjectNode copy(ObjectNode target, JsonNode source, String... names) {
        for (String name : names) {
            JsonNode value = source.get(name);
            if (value != null) {
                target.set(name, value);
            }
        }
        return target;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
