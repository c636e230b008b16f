package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.failure.Result;

/** A device of the actor has received the conversation's messages up to {@code upToSeq}. */
public interface MarkDeliveredUseCase {

    Result<ParticipantState> markDelivered(MarkDelivered command);

    record MarkDelivered(Actor actor, ConversationId conversationId, long upToSeq) {
    }
}
