package org.carechat.application.call;

import org.carechat.application.Actor;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/** The actor calls the other participant of a conversation; it rings until answered or the ring timeout. */
public interface RequestCallUseCase {

    Result<Call> requestCall(RequestCall command);

    /** Exactly one of {@code conversationId} and {@code to}. */
    record RequestCall(Actor actor, ConversationId conversationId, UserId to, CallMedia media) {
    }
}
