package org.carechat.application.conversation;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/** The actor pins or unpins a conversation, for themselves only. */
public interface SetPinnedUseCase {

    Result<ConversationView> setPinned(SetPinned command);

    record SetPinned(Actor actor, ConversationId conversationId, boolean pinned) {
    }
}
