package org.carechat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.carechat.application.port.Timers.Scheduled;
import org.junit.jupiter.api.Test;

final class ManualTimeTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");

    private final ManualTime time = new ManualTime(T0);
    private final List<String> ran = new ArrayList<>();

    @Test
    void the_clock_reads_the_instant_it_was_given_until_moved() {
        assertThat(time.instant()).isEqualTo(T0);
        assertThat(time.millis()).isEqualTo(T0.toEpochMilli());

        time.advance(Duration.ofSeconds(90));

        assertThat(time.instant()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void set_moves_the_clock_to_the_instant_forward_and_back() {
        time.set(T0.plusSeconds(3_600));
        assertThat(time.instant()).isEqualTo(T0.plusSeconds(3_600));

        time.set(T0.minusSeconds(5));
        assertThat(time.instant()).isEqualTo(T0.minusSeconds(5));
    }

    @Test
    void a_task_runs_only_once_it_is_due() {
        time.schedule(Duration.ofSeconds(6), () -> ran.add("typing expired"));

        time.advance(Duration.ofSeconds(5));
        assertThat(ran).isEmpty();

        time.advance(Duration.ofSeconds(1));
        assertThat(ran).containsExactly("typing expired");
    }

    @Test
    void a_task_runs_only_once() {
        time.schedule(Duration.ofSeconds(1), () -> ran.add("once"));

        time.advance(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(2));
        time.advance(Duration.ZERO);

        assertThat(ran).containsExactly("once");
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void due_tasks_run_in_due_order_then_in_scheduling_order() {
        time.schedule(Duration.ofSeconds(45), () -> ran.add("ring timeout"));
        time.schedule(Duration.ofSeconds(6), () -> ran.add("typing a"));
        time.schedule(Duration.ofSeconds(10), () -> ran.add("ten"));
        time.schedule(Duration.ofSeconds(6), () -> ran.add("typing b"));

        time.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("typing a", "typing b", "ten", "ring timeout");
    }

    @Test
    void a_running_task_reads_the_moment_it_fell_due_and_time_ends_at_the_target() {
        List<Instant> seen = new ArrayList<>();
        time.schedule(Duration.ofSeconds(6), () -> seen.add(time.instant()));
        time.schedule(Duration.ofSeconds(45), () -> seen.add(time.instant()));

        time.advance(Duration.ofMinutes(2));

        assertThat(seen).containsExactly(T0.plusSeconds(6), T0.plusSeconds(45));
        assertThat(time.instant()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void a_cancelled_task_never_runs() {
        Scheduled expiry = time.schedule(Duration.ofSeconds(6), () -> ran.add("cancelled"));
        time.schedule(Duration.ofSeconds(6), () -> ran.add("kept"));

        expiry.cancel();
        time.advance(Duration.ofSeconds(10));

        assertThat(ran).containsExactly("kept");
    }

    @Test
    void cancelling_a_task_that_ran_or_was_cancelled_does_nothing() {
        Scheduled task = time.schedule(Duration.ofSeconds(1), () -> ran.add("ran"));
        time.advance(Duration.ofSeconds(1));

        task.cancel();
        task.cancel();

        assertThat(ran).containsExactly("ran");
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void a_task_may_schedule_another_that_runs_in_the_same_move_when_due_within_it() {
        time.schedule(Duration.ofSeconds(6), () -> {
            ran.add("first at " + time.instant());
            time.schedule(Duration.ofSeconds(6), () -> ran.add("second at " + time.instant()));
            time.schedule(Duration.ofSeconds(60), () -> ran.add("third at " + time.instant()));
        });

        time.advance(Duration.ofSeconds(20));

        assertThat(ran).containsExactly("first at " + T0.plusSeconds(6), "second at " + T0.plusSeconds(12));
        assertThat(time.pendingTasks()).isEqualTo(1);

        time.advance(Duration.ofMinutes(1));

        assertThat(ran).last().isEqualTo("third at " + T0.plusSeconds(66));
    }

    @Test
    void a_task_may_cancel_another_due_in_the_same_move() {
        Scheduled[] later = new Scheduled[1];
        time.schedule(Duration.ofSeconds(1), () -> {
            ran.add("canceller");
            later[0].cancel();
        });
        later[0] = time.schedule(Duration.ofSeconds(2), () -> ran.add("cancelled"));

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("canceller");
    }

    @Test
    void a_task_scheduled_without_delay_runs_at_the_next_move() {
        time.schedule(Duration.ZERO, () -> ran.add("now"));
        assertThat(ran).isEmpty();

        time.advance(Duration.ZERO);

        assertThat(ran).containsExactly("now");
    }

    @Test
    void setting_the_clock_forward_runs_the_due_tasks_and_backward_runs_none() {
        time.schedule(Duration.ofSeconds(30), () -> ran.add("thirty"));

        time.set(T0.minusSeconds(60));
        assertThat(ran).isEmpty();

        time.set(T0.plusSeconds(30));
        assertThat(ran).containsExactly("thirty");
    }

    @Test
    void a_failing_task_does_not_keep_the_other_due_tasks_from_running() {
        IllegalStateException boom = new IllegalStateException("boom");
        time.schedule(Duration.ofSeconds(1), () -> {
            throw boom;
        });
        time.schedule(Duration.ofSeconds(2), () -> ran.add("after the failure"));

        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(3))).isSameAs(boom);

        assertThat(ran).containsExactly("after the failure");
        assertThat(time.instant()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void time_never_advances_backwards_and_delays_are_never_negative() {
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> time.schedule(Duration.ofSeconds(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_clock_in_another_zone_follows_this_one() {
        var paris = time.withZone(ZoneId.of("Europe/Paris"));

        time.advance(Duration.ofHours(1));

        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(T0.plusSeconds(3_600));
        assertThat(time.getZone()).isEqualTo(ZoneId.of("Z"));
    }
}
