package org.carechat.application.call;

import org.carechat.application.Actor;
import org.carechat.domain.call.CallId;
import org.carechat.domain.failure.Result;

/** Relays an SDP or ICE signal verbatim to the other party of a live call; media never passes the server. */
public interface RelayCallSignalUseCase {

    Result<CallId> relay(RelaySignal command);

    /** {@code signal} is the client's signal as JSON text, passed on untouched. */
    record RelaySignal(Actor actor, CallId callId, String signal) {
    }
}
