package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;

/** A participant reacts to a message with an emoji. */
public interface AddReactionUseCase {

    Result<MessageView> addReaction(AddReaction command);

    record AddReaction(Actor actor, MessageId messageId, String emoji) {
    }
}
