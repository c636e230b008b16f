package org.carechat.application.port;

import java.time.Instant;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;

/** Who is online with how many sessions, their status and when they were last seen. Each call is atomic. */
public interface Presence {

    /** One more session of {@code user} is open. */
    PresenceState connected(UserId user, Instant at);

    /** One session of {@code user} closed. */
    PresenceState disconnected(UserId user, Instant at);

    PresenceState setStatus(UserId user, Availability status, Instant at);

    /** The user's presence; offline and never seen when unknown. */
    PresenceState find(UserId user);
}
