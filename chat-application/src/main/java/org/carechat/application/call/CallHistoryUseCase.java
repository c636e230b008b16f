package org.carechat.application.call;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;

/** The calls of a conversation, newest first, as the {@code call} messages that record them. */
public interface CallHistoryUseCase {

    Result<List<Message>> history(CallHistory command);

    record CallHistory(Actor actor, ConversationId conversationId, Integer limit) {
    }
}
