package org.carechat.application.conversation;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** Gets or creates the direct conversation with someone the actor may converse with. */
public interface OpenConversationUseCase {

    Result<Opened> open(OpenConversation command);

    record OpenConversation(Actor actor, UserId participantId) {
    }

    /** {@code created} is true when this request created the conversation. */
    record Opened(ConversationView conversation, boolean created) {
    }
}
