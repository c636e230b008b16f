package org.carechat.application.presence;

import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.failure.Result;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;

/** The presence of some users, answered only for the actor's contacts; others are left out, not refused. */
public interface QueryPresenceUseCase {

    Result<List<PresenceState>> query(QueryPresence command);

    record QueryPresence(Actor actor, List<UserId> userIds) {
        public QueryPresence {
            userIds = List.copyOf(userIds);
        }
    }
}
