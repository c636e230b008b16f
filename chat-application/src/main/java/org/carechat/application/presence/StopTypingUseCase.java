package org.carechat.application.presence;

import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;

/** The actor stopped typing. */
public interface StopTypingUseCase {

    Result<ConversationId> stopTyping(StartTypingUseCase.Typing command);
}
