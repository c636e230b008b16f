package org.carechat.application.retention;

import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.retention.LegalHold;
import org.carechat.domain.user.UserId;

/** An admin places a legal hold on a patient or on a conversation, stating why: nothing of it is purged until it is lifted. */
public interface PlaceLegalHoldUseCase {

    Result<LegalHold> place(PlaceLegalHold command);

    /** Exactly one of {@code patientId} and {@code conversationId}. */
    record PlaceLegalHold(Actor actor, UserId patientId, ConversationId conversationId, String reason) {
    }
}
