package org.carechat.application.presence;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** The actor starts (or keeps) typing in a conversation; it expires unless renewed. */
public interface StartTypingUseCase {

    Result<ConversationId> startTyping(Typing command);

    /** Exactly one of {@code conversationId} and {@code to} (the direct conversation with that person). */
    record Typing(Actor actor, ConversationId conversationId, UserId to) {
    }
}
