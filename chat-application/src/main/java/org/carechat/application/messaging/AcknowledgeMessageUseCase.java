package org.carechat.application.messaging;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageView;

/**
 * A recipient acknowledges an urgent message: the sender and every participant's devices learn who and when
 * ({@code message_acknowledged}). Acknowledging again changes nothing.
 */
public interface AcknowledgeMessageUseCase {

    Result<MessageView> acknowledge(AcknowledgeMessage command);

    record AcknowledgeMessage(Actor actor, MessageId messageId) {
    }
}
