package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.Result;

/** The actor has read the conversation up to {@code upToSeq} (null: everything). Reading implies delivery. */
public interface MarkReadUseCase {

    Result<ConversationView> markRead(MarkRead command);

    /** As {@link #markRead}, up to a message of the actor's, named by its id (up to its seq): how the seeds' clients say it. */
    Result<ConversationView> markReadThrough(MarkReadThrough command);

    /** As {@link #markRead}, in the actor's existing direct conversation with {@code with}. */
    Result<ConversationView> markReadWith(MarkReadWith command);

    record MarkRead(Actor actor, ConversationId conversationId, Long upToSeq) {
    }

    record MarkReadThrough(Actor actor, MessageId messageId) {
    }

    record MarkReadWith(Actor actor, UserId with, Long upToSeq) {
    }
}
