package org.carechat.adapter.inmemory;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Presence;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;

/** Who is online with how many sessions, in memory; every change to one user is atomic. */
public final class InMemoryPresence implements Presence {
    private final ConcurrentHashMap<UserId, PresenceState> byUser = new ConcurrentHashMap<>();

    @Override
    public PresenceState connected(UserId user, Instant at) {
        Objects.requireNonNull(at, "at");
        return change(user, state -> state.connected(at));
    }

    @Override
    public PresenceState disconnected(UserId user, Instant at) {
        Objects.requireNonNull(at, "at");
        return change(user, state -> state.disconnected(at));
    }

    @Override
    public PresenceState setStatus(UserId user, Availability status, Instant at) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        return change(user, state -> state.withStatus(status, at));
    }

    @Override
    public PresenceState find(UserId user) {
        Objects.requireNonNull(user, "user");
        PresenceState state = byUser.get(user);
        return state == null ? PresenceState.offline(user) : state;
    }

    private PresenceState change(UserId user, UnaryOperator<PresenceState> change) {
        Objects.requireNonNull(user, "user");
        return byUser.compute(user, (key, state) -> change.apply(state == null ? PresenceState.offline(key) : state));
    }
}
