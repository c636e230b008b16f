package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;

/** Sends a message into a conversation, or to a person (opening the direct conversation). */
public interface SendMessageUseCase {

    Result<Sent> send(SendMessage command);

    /**
     * Exactly one of {@code conversationId} and {@code to}. {@code type} null means text; every other
     * field but the actor may be null.
     */
    record SendMessage(Actor actor, ConversationId conversationId, UserId to, MessageType type, String content,
                       AttachmentId attachmentId, MessageId replyTo, String clientMessageId, MessagePriority priority) {
        /** A routine message. */
        public SendMessage(Actor actor, ConversationId conversationId, UserId to, MessageType type, String content,
                           AttachmentId attachmentId, MessageId replyTo, String clientMessageId) {
            this(actor, conversationId, to, type, content, attachmentId, replyTo, clientMessageId, null);
        }
    }

    /**
     * The stored message as its sender sees it; {@code created} is false for a repeated clientMessageId;
     * {@code notice} is what the sender is told along with it (a patient sending urgent: that this is not an
     * emergency service), or null.
     */
    record Sent(MessageView message, boolean created, String notice) {
        public Sent(MessageView message, boolean created) {
            this(message, created, null);
        }
    }
}
