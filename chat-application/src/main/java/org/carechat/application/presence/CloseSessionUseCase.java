package org.carechat.application.presence;

import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;

/** A device of the actor disconnected; with the last one their contacts see them go offline. */
public interface CloseSessionUseCase {

    Result<PresenceState> close(Actor actor);

    /**
     * The sessions of a user ended without closing (the node that held them died) and the presence store already
     * counts them gone: when that left the user offline ({@code state}), their contacts see them go offline.
     */
    Result<PresenceState> lost(PresenceState state);
}
