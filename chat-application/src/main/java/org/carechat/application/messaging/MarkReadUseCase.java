package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/** The actor has read the conversation up to {@code upToSeq} (null: everything). Reading implies delivery. */
public interface MarkReadUseCase {

    Result<ConversationView> markRead(MarkRead command);

    record MarkRead(Actor actor, ConversationId conversationId, Long upToSeq) {
    }
}
