package org.carechat.application.presence;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;

/** A device of the actor connected; on the first one their contacts see them come online. */
public interface OpenSessionUseCase {

    Result<PresenceState> open(Actor actor);
}
