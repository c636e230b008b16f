package org.carechat.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carechat.application.port.Timers.Scheduled;
import org.junit.jupiter.api.Test;

final class ExecutorTimersTest {

    @Test
    void a_scheduled_task_runs_after_its_delay_on_a_daemon_thread() throws InterruptedException {
        try (ExecutorTimers timers = new ExecutorTimers()) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean daemon = new AtomicBoolean();
            long start = System.nanoTime();

            timers.schedule(Duration.ofMillis(50), () -> {
                daemon.set(Thread.currentThread().isDaemon());
                ran.countDown();
            });

            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(daemon).isTrue();
        }
    }

    @Test
    void a_cancelled_task_never_runs_while_others_do() throws InterruptedException {
        try (ExecutorTimers timers = new ExecutorTimers()) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            CountDownLatch later = new CountDownLatch(1);
            Scheduled cancelled = timers.schedule(Duration.ofMillis(50), () -> cancelledRan.set(true));
            timers.schedule(Duration.ofMillis(150), later::countDown);

            cancelled.cancel();

            assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }

    @Test
    void a_failing_task_does_not_stop_the_timer() throws InterruptedException {
        try (ExecutorTimers timers = new ExecutorTimers()) {
            CountDownLatch after = new CountDownLatch(1);
            timers.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("boom");
            });
            timers.schedule(Duration.ofMillis(20), after::countDown);

            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
