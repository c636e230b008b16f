package org.carechat.domain.message;

import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.common.Require;

/** What a {@code call} message records once a call has ended. */
public record CallSummary(CallId callId, CallMedia media, CallOutcome outcome, long durationSeconds) {
    public CallSummary {
        Require.nonNull(callId, "callId");
        Require.nonNull(media, "media");
        Require.nonNull(outcome, "outcome");
        Require.nonNegative(durationSeconds, "durationSeconds");
    }
}
