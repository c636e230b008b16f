package org.carechat.application.conversation;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/** One conversation of the actor, as they see it. */
public interface GetConversationUseCase {

    Result<ConversationView> get(GetConversation command);

    record GetConversation(Actor actor, ConversationId conversationId) {
    }
}
