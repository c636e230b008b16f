package org.carechat.domain.message;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * A message that has passed the content rules but has no place in its conversation yet: the store
 * gives it the next {@code seq} when it appends it.
 */
public record MessageDraft(MessageId id, ConversationId conversationId, UserId senderId, MessageType type,
                           String content, AttachmentRef attachment, MessageId replyTo, String clientMessageId,
                           Instant createdAt, CallSummary call, MessagePriority priority) {
    /** A routine draft. */
    public MessageDraft(MessageId id, ConversationId conversationId, UserId senderId, MessageType type,
                        String content, AttachmentRef attachment, MessageId replyTo, String clientMessageId,
                        Instant createdAt, CallSummary call) {
        this(id, conversationId, senderId, type, content, attachment, replyTo, clientMessageId, createdAt, call,
                MessagePriority.ROUTINE);
    }

    public MessageDraft {
        Require.nonNull(priority, "priority");
        Require.nonNull(id, "id");
        Require.nonNull(conversationId, "conversationId");
        Require.nonNull(senderId, "senderId");
        Require.nonNull(type, "type");
        Require.nonNull(createdAt, "createdAt");
    }

    /** The stored message, at {@code seq} in its conversation. */
    public Message at(long seq) {
        return new Message(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId,
                createdAt, null, false, Reactions.NONE, call, priority, java.util.Map.of());
    }
}
