package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.failure.Result;

/** A device of the actor has received the conversation's messages up to {@code upToSeq}. */
public interface MarkDeliveredUseCase {

    Result<ParticipantState> markDelivered(MarkDelivered command);

    /** As {@link #markDelivered}, up to a message of the actor's, named by its id (up to its seq). */
    Result<ParticipantState> markDeliveredThrough(MarkDeliveredThrough command);

    record MarkDelivered(Actor actor, ConversationId conversationId, long upToSeq) {
    }

    record MarkDeliveredThrough(Actor actor, MessageId messageId) {
    }
}
