package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.carechat.adapter.websocket.Liveness.Verdict;
import org.junit.jupiter.api.Test;

class LivenessTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");
    private final Liveness liveness = new Liveness(Duration.ofSeconds(30), Duration.ofSeconds(75));

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void a_socket_heard_within_the_ping_interval_is_fine() {
        assertThat(liveness.check(at(29), T0, null, NEVER)).isEqualTo(Verdict.FINE);
    }

    @Test
    void a_quiet_socket_is_pinged_once_per_interval() {
        assertThat(liveness.check(at(30), T0, null, NEVER)).isEqualTo(Verdict.PING);
        assertThat(liveness.check(at(45), T0, at(30), NEVER)).isEqualTo(Verdict.FINE);
        assertThat(liveness.check(at(60), T0, at(30), NEVER)).isEqualTo(Verdict.PING);
    }

    @Test
    void an_answered_ping_counts_as_hearing_from_the_client() {
        // pinged at 30, pong heard at 31: silent since 31
        assertThat(liveness.check(at(74), at(31), at(30), NEVER)).isEqualTo(Verdict.PING);
        assertThat(liveness.check(at(90), at(31), at(74), NEVER)).isEqualTo(Verdict.FINE);
        assertThat(liveness.check(at(105), at(31), at(74), NEVER)).isEqualTo(Verdict.PING);
        assertThat(liveness.check(at(106), at(31), at(105), NEVER)).isEqualTo(Verdict.CLOSE_IDLE);
    }

    @Test
    void a_socket_silent_for_the_idle_timeout_is_closed_pinged_or_not() {
        assertThat(liveness.check(at(75), T0, at(30), NEVER)).isEqualTo(Verdict.CLOSE_IDLE);
        assertThat(liveness.check(at(75), T0, null, NEVER)).isEqualTo(Verdict.CLOSE_IDLE);
    }

    @Test
    void an_expired_token_closes_before_anything_else() {
        assertThat(liveness.check(at(10), at(10), null, at(10))).isEqualTo(Verdict.CLOSE_EXPIRED);
        assertThat(liveness.check(at(100), T0, null, at(10))).isEqualTo(Verdict.CLOSE_EXPIRED);
        assertThat(liveness.check(at(9), T0, null, at(10))).isEqualTo(Verdict.FINE);
    }
}
