package org.carechat.domain.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class PresenceStateTest {
    private static final UserId DOCTOR = UserId.of("d1");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final PresenceState offline = PresenceState.offline(DOCTOR);

    @Test
    void someone_never_seen_is_offline_available_and_has_no_last_seen() {
        assertThat(offline.isOnline()).isFalse();
        assertThat(offline.sessions()).isZero();
        assertThat(offline.status()).isEqualTo(Availability.AVAILABLE);
        assertThat(offline.lastSeen()).isNull();
    }

    @Test
    void opening_a_session_makes_someone_online_and_seen() {
        PresenceState online = offline.connected(T0);

        assertThat(online.isOnline()).isTrue();
        assertThat(online.sessions()).isEqualTo(1);
        assertThat(online.lastSeen()).isEqualTo(T0);
    }

    @Test
    void someone_stays_online_until_their_last_session_closes() {
        PresenceState twoDevices = offline.connected(T0).connected(T0.plusSeconds(1));

        PresenceState oneLeft = twoDevices.disconnected(T0.plusSeconds(2));
        PresenceState noneLeft = oneLeft.disconnected(T0.plusSeconds(3));

        assertThat(twoDevices.sessions()).isEqualTo(2);
        assertThat(oneLeft.isOnline()).isTrue();
        assertThat(noneLeft.isOnline()).isFalse();
        assertThat(noneLeft.lastSeen()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void a_stray_disconnect_never_makes_sessions_negative() {
        PresenceState state = offline.disconnected(T0);

        assertThat(state.sessions()).isZero();
        assertThat(state.isOnline()).isFalse();
    }

    @Test
    void the_chosen_status_survives_reconnecting() {
        PresenceState busy = offline.connected(T0).withStatus(Availability.BUSY, T0.plusSeconds(1));

        PresenceState reconnected = busy.disconnected(T0.plusSeconds(2)).connected(T0.plusSeconds(3));

        assertThat(busy.status()).isEqualTo(Availability.BUSY);
        assertThat(busy.lastSeen()).isEqualTo(T0.plusSeconds(1));
        assertThat(reconnected.status()).isEqualTo(Availability.BUSY);
    }

    @Test
    void sessions_are_never_negative() {
        assertThatThrownBy(() -> new PresenceState(DOCTOR, -1, Availability.AWAY, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void availability_parses_from_its_wire_name() {
        assertThat(Availability.parse("available")).contains(Availability.AVAILABLE);
        assertThat(Availability.parse("busy")).contains(Availability.BUSY);
        assertThat(Availability.parse("away")).contains(Availability.AWAY);
        assertThat(Availability.parse("invisible")).isEmpty();
        assertThat(Availability.parse(null)).isEmpty();
        assertThat(Availability.AWAY.wireName()).isEqualTo("away");
    }
}
