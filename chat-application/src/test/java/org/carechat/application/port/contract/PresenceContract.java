package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.carechat.application.port.Presence;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Presence} store promises: open sessions counted per user, atomically under
 * concurrency, online while at least one is open, the status kept, last seen moved by every change.
 */
public abstract class PresenceContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    /** A fresh, empty store for each test. */
    protected abstract Presence create();

    @Test
    void an_unknown_user_is_offline_and_never_seen() {
        Presence presence = create();

        PresenceState state = presence.find(PATIENT);

        assertThat(state).isEqualTo(PresenceState.offline(PATIENT));
        assertThat(state.isOnline()).isFalse();
        assertThat(state.lastSeen()).isNull();
    }

    @Test
    void a_connected_session_makes_the_user_online_and_seen() {
        Presence presence = create();

        PresenceState connected = presence.connected(PATIENT, T0);

        assertThat(connected).isEqualTo(new PresenceState(PATIENT, 1, Availability.AVAILABLE, T0));
        assertThat(connected.isOnline()).isTrue();
        assertThat(presence.find(PATIENT)).isEqualTo(connected);
        assertThat(presence.find(DOCTOR)).isEqualTo(PresenceState.offline(DOCTOR));
    }

    @Test
    void the_user_stays_online_until_the_last_of_several_sessions_closes() {
        Presence presence = create();
        presence.connected(PATIENT, T0);
        presence.connected(PATIENT, T0.plusSeconds(1));
        assertThat(presence.connected(PATIENT, T0.plusSeconds(2)).sessions()).isEqualTo(3);

        PresenceState afterOne = presence.disconnected(PATIENT, T0.plusSeconds(3));
        PresenceState afterTwo = presence.disconnected(PATIENT, T0.plusSeconds(4));

        assertThat(afterOne.sessions()).isEqualTo(2);
        assertThat(afterTwo.sessions()).isEqualTo(1);
        assertThat(afterTwo.isOnline()).isTrue();
        PresenceState offline = presence.disconnected(PATIENT, T0.plusSeconds(5).plusMillis(5));
        assertThat(offline).isEqualTo(new PresenceState(PATIENT, 0, Availability.AVAILABLE, T0.plusSeconds(5).plusMillis(5)));
        assertThat(offline.isOnline()).isFalse();
        assertThat(presence.find(PATIENT)).isEqualTo(offline);
    }

    @Test
    void last_seen_moves_with_every_connect_and_disconnect() {
        Presence presence = create();

        assertThat(presence.connected(PATIENT, T0).lastSeen()).isEqualTo(T0);
        assertThat(presence.connected(PATIENT, T0.plusSeconds(7)).lastSeen()).isEqualTo(T0.plusSeconds(7));
        assertThat(presence.disconnected(PATIENT, T0.plusSeconds(9)).lastSeen()).isEqualTo(T0.plusSeconds(9));
        assertThat(presence.find(PATIENT).lastSeen()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void a_status_is_kept_across_sessions_and_keeps_the_session_count() {
        Presence presence = create();
        presence.connected(DOCTOR, T0);
        presence.connected(DOCTOR, T0.plusSeconds(1));

        PresenceState busy = presence.setStatus(DOCTOR, Availability.BUSY, T0.plusSeconds(2));

        assertThat(busy).isEqualTo(new PresenceState(DOCTOR, 2, Availability.BUSY, T0.plusSeconds(2)));
        assertThat(presence.disconnected(DOCTOR, T0.plusSeconds(3)).status()).isEqualTo(Availability.BUSY);
        assertThat(presence.disconnected(DOCTOR, T0.plusSeconds(4)).status()).isEqualTo(Availability.BUSY);
        assertThat(presence.connected(DOCTOR, T0.plusSeconds(5)))
                .isEqualTo(new PresenceState(DOCTOR, 1, Availability.BUSY, T0.plusSeconds(5)));
        assertThat(presence.find(DOCTOR).status()).isEqualTo(Availability.BUSY);
    }

    @Test
    void a_status_set_while_offline_is_kept_for_the_next_session() {
        Presence presence = create();

        PresenceState away = presence.setStatus(PATIENT, Availability.AWAY, T0);

        assertThat(away).isEqualTo(new PresenceState(PATIENT, 0, Availability.AWAY, T0));
        assertThat(presence.connected(PATIENT, T0.plusSeconds(1)).status()).isEqualTo(Availability.AWAY);
    }

    @Test
    void users_are_counted_apart() {
        Presence presence = create();
        presence.connected(PATIENT, T0);
        presence.connected(PATIENT, T0);
        presence.connected(DOCTOR, T0);

        presence.disconnected(DOCTOR, T0.plusSeconds(1));

        assertThat(presence.find(PATIENT).sessions()).isEqualTo(2);
        assertThat(presence.find(DOCTOR).sessions()).isZero();
    }

    @Test
    void a_disconnect_more_than_connected_never_goes_below_zero() {
        Presence presence = create();
        presence.connected(PATIENT, T0);
        presence.disconnected(PATIENT, T0.plusSeconds(1));

        PresenceState extra = presence.disconnected(PATIENT, T0.plusSeconds(2));

        assertThat(extra.sessions()).isZero();
        assertThat(presence.connected(PATIENT, T0.plusSeconds(3)).sessions()).isEqualTo(1);
    }

    @Test
    void concurrent_connects_are_all_counted() {
        Presence presence = create();
        int threads = 8;
        int perThread = 250;

        Race.runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                presence.connected(PATIENT, T0.plusMillis(i));
            }
        });

        assertThat(presence.find(PATIENT).sessions()).isEqualTo(threads * perThread);
    }

    @Test
    void concurrent_connect_and_disconnect_pairs_end_at_zero() {
        Presence presence = create();
        int threads = 8;
        int perThread = 250;

        Race.runAll(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                assertThat(presence.connected(DOCTOR, T0.plusMillis(i)).sessions()).isPositive();
                presence.disconnected(DOCTOR, T0.plusMillis(i));
            }
        });

        PresenceState state = presence.find(DOCTOR);
        assertThat(state.sessions()).isZero();
        assertThat(state.isOnline()).isFalse();
    }
}
