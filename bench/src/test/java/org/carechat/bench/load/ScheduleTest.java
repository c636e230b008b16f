package org.carechat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void senders_together_send_at_the_target_rate_evenly_spread() {
        int senders = 7;
        double rate = 1000;
        List<Long> times = new ArrayList<>();
        int measured = 0;
        for (int i = 0; i < senders; i++) {
            Schedule schedule = Schedule.of(i, senders, rate, 0, Duration.ofSeconds(1), Duration.ofSeconds(2));
            for (int k = 0; k < schedule.total(); k++) {
                times.add(schedule.intended(k));
            }
            measured += schedule.measured();
        }
        times.sort(null);
        assertThat(times).hasSize(3000);
        assertThat(measured).isEqualTo(2000);
        for (int n = 1; n < times.size(); n++) {
            // one message every millisecond, whoever sends it
            assertThat(times.get(n) - times.get(n - 1)).isBetween(999_000L, 1_001_000L);
        }
        assertThat(times.get(times.size() - 1)).isLessThan(3_000_000_000L);
    }

    @Test
    void the_first_measured_message_is_the_first_due_after_the_warm_up() {
        Schedule schedule = Schedule.of(3, 10, 100, 5_000, Duration.ofMillis(500), Duration.ofSeconds(1));
        // every 100 ms, starting 30 ms in
        assertThat(schedule.intended(0)).isEqualTo(5_000 + 30_000_000L);
        assertThat(schedule.firstMeasured()).isEqualTo(5);
        assertThat(schedule.intended(schedule.firstMeasured()) - 5_000).isGreaterThanOrEqualTo(500_000_000L);
        assertThat(schedule.intended(schedule.firstMeasured() - 1) - 5_000).isLessThan(500_000_000L);
        assertThat(schedule.total()).isEqualTo(15);
    }

    @Test
    void the_plan_is_fixed_in_advance_and_does_not_depend_on_answers() {
        Schedule a = Schedule.of(0, 1, 50, 0, Duration.ZERO, Duration.ofSeconds(1));
        assertThat(a.intended(49)).isEqualTo(980_000_000L);
        assertThat(a.total()).isEqualTo(50);
        assertThat(a.firstMeasured()).isZero();
    }

    @Test
    void a_sender_outside_the_group_is_refused() {
        assertThatThrownBy(() -> Schedule.of(2, 2, 10, 0, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
