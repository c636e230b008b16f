package org.carechat.application.call;

import org.carechat.application.Actor;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.failure.Result;

/** The callee accepts or rejects a ringing call; either party ends it. */
public interface AnswerCallUseCase {

    Result<Call> accept(CallAction command);

    Result<Call> reject(CallAction command);

    Result<Call> end(CallAction command);

    /** {@code reason} is an optional short free text passed on to the other party. */
    record CallAction(Actor actor, CallId callId, String reason) {
    }
}
