package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;

/** A participant takes back their reaction. */
public interface RemoveReactionUseCase {

    Result<MessageView> removeReaction(RemoveReaction command);

    record RemoveReaction(Actor actor, MessageId messageId, String emoji) {
    }
}
