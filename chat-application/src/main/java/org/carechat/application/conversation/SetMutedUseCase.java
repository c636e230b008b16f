package org.carechat.application.conversation;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/** The actor mutes or unmutes a conversation, for themselves only. */
public interface SetMutedUseCase {

    Result<ConversationView> setMuted(SetMuted command);

    record SetMuted(Actor actor, ConversationId conversationId, boolean muted) {
    }
}
