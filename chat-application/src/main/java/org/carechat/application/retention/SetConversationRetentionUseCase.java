package org.carechat.application.retention;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;

/** An admin gives a conversation a retention period of its own, shorter or longer than the deployment's. */
public interface SetConversationRetentionUseCase {

    Result<ConversationRetention> set(SetConversationRetention command);

    /** {@code days}: 1..{@value org.carechat.domain.retention.RetentionPolicy#MAX_DAYS}. */
    record SetConversationRetention(Actor actor, ConversationId conversationId, Integer days) {
    }

    /** A conversation's own retention period in days, or null when the deployment's applies. */
    record ConversationRetention(ConversationId conversationId, Integer days) {
    }
}
