package org.carechat.application.conversation;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** One conversation of the actor, as they see it. */
public interface GetConversationUseCase {

    Result<ConversationView> get(GetConversation command);

    /** The actor's existing direct conversation with {@code with}; not found when there is none (none is opened). */
    Result<ConversationView> direct(GetDirect command);

    record GetConversation(Actor actor, ConversationId conversationId) {
    }

    record GetDirect(Actor actor, UserId with) {
    }
}
