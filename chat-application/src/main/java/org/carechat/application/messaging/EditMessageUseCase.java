package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;

/** The sender changes the text of their message within the edit window. */
public interface EditMessageUseCase {

    Result<MessageView> edit(EditMessage command);

    record EditMessage(Actor actor, MessageId messageId, String content) {
    }
}
