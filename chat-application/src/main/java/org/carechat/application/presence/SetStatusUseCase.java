package org.carechat.application.presence;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;

/** The actor says whether they are available, busy or away; their contacts hear of it. */
public interface SetStatusUseCase {

    Result<PresenceState> setStatus(SetStatus command);

    record SetStatus(Actor actor, Availability status) {
    }
}
