package org.carechat.application.presence;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;

/** A device of the actor disconnected; with the last one their contacts see them go offline. */
public interface CloseSessionUseCase {

    Result<PresenceState> close(Actor actor);
}
