package org.carechat.domain.presence;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.user.UserId;

/**
 * Whether someone is online (at least one open session), what they said about themselves, and when
 * they were last seen (null if never).
 */
public record PresenceState(UserId user, int sessions, Availability status, Instant lastSeen) {
    public PresenceState {
        Require.nonNull(user, "user");
        Require.nonNull(status, "status");
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must not be negative");
        }
    }

    public static PresenceState offline(UserId user) {
        return new PresenceState(user, 0, Availability.AVAILABLE, null);
    }

    public boolean isOnline() {
        return sessions > 0;
    }

    public PresenceState connected(Instant at) {
        return new PresenceState(user, sessions + 1, status, at);
    }

    public PresenceState disconnected(Instant at) {
        return new PresenceState(user, Math.max(0, sessions - 1), status, at);
    }

    public PresenceState withStatus(Availability next, Instant at) {
        return new PresenceState(user, sessions, next, at);
    }
}
