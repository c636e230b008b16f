package org.carechat.application.conversation;

import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;

/** How many messages wait unread for the actor, per conversation and in total (muted conversations left out of the total). */
public interface UnreadCountUseCase {

    Result<UnreadCounts> count(Actor actor);

    /** {@code byConversation} lists only conversations with unread messages. */
    record UnreadCounts(long total, Map<ConversationId, Long> byConversation) {
        public UnreadCounts {
            byConversation = Map.copyOf(byConversation);
        }
    }
}
