package org.carechat.application.retention;

import org.carechat.application.Actor;
import org.carechat.application.retention.SetConversationRetentionUseCase.ConversationRetention;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;

/** An admin takes a conversation's own retention period away: the deployment's applies again. */
public interface ClearConversationRetentionUseCase {

    Result<ConversationRetention> clear(ClearConversationRetention command);

    record ClearConversationRetention(Actor actor, ConversationId conversationId) {
    }
}
