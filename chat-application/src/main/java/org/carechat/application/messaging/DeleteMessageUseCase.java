package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;

/** The sender deletes their message; a tombstone keeps its place. */
public interface DeleteMessageUseCase {

    Result<MessageView> delete(DeleteMessage command);

    record DeleteMessage(Actor actor, MessageId messageId) {
    }
}
