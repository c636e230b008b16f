package org.carechat.application;

import org.carechat.domain.common.Require;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Who is asking, as their token says: the user id ({@code sub}), their role, and the session the
 * request came through (null for a request that has no session, such as REST). The sender, reader
 * or actor of every operation is always this id, never a field of the client's data.
 */
public record Actor(UserId id, Role role, SessionId session) {
    public Actor {
        Require.nonNull(id, "id");
        Require.nonNull(role, "role");
    }

    public static Actor of(UserId id, Role role) {
        return new Actor(id, role, null);
    }

    public Actor in(SessionId sessionId) {
        return new Actor(id, role, sessionId);
    }
}
