package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.carechat.application.SessionId;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private final Metrics metrics = new Metrics();

    private Outbox outbox(FakeSink sink, int capacity) {
        return new Outbox(new SessionId("s1"), UserId.of("p1"), capacity, sink, Runnable::run, metrics);
    }

    @Test
    void frames_leave_in_the_order_they_were_offered_with_one_send_in_flight() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 10);

        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");
        assertThat(sink.sentCopy()).containsExactly("a");
        assertThat(sink.inFlight()).isEqualTo(1);
        sink.completeNext();
        assertThat(sink.sentCopy()).containsExactly("a", "b");
        sink.completeNext();
        sink.completeNext();

        assertThat(sink.sentCopy()).containsExactly("a", "b", "c");
        assertThat(metrics.deliveries()).isEqualTo(3);
    }

    @Test
    void offering_returns_at_once_while_the_socket_is_busy() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 1000);

        boolean[] accepted = new boolean[500];
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] = outbox.offer("frame " + i);
        }

        assertThat(accepted).containsOnly(true);
        assertThat(sink.sentCopy()).containsExactly("frame 0");
    }

    @Test
    void sends_that_complete_before_returning_drain_a_long_queue_without_deep_recursion() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 100_000);
        IntStream.range(0, 50_000).forEach(i -> outbox.offer(Integer.toString(i)));

        sink.mode(FakeSink.Mode.INLINE);
        sink.completeNext();

        assertThat(sink.sentCopy()).hasSize(50_000);
        assertThat(sink.sentCopy().get(49_999)).isEqualTo("49999");
    }

    @Test
    void a_socket_that_lets_frames_pile_up_beyond_its_capacity_is_closed_once_with_1013() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 3);

        // one frame in flight, three waiting: the fourth waiting one is too many
        assertThat(outbox.offer("1")).isTrue();
        assertThat(outbox.offer("2")).isTrue();
        assertThat(outbox.offer("3")).isTrue();
        assertThat(outbox.offer("4")).isTrue();
        assertThat(outbox.offer("5")).isFalse();
        assertThat(outbox.offer("6")).isFalse();
        sink.completeNext();

        assertThat(sink.closes).hasSize(1);
        assertThat(sink.closes.get(0).getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
        assertThat(sink.sentCopy()).containsExactly("1");
        assertThat(outbox.isClosed()).isTrue();
        assertThat(metrics.render()).contains("carechat_slow_consumers_closed_total 1");
    }

    @Test
    void a_graceful_close_waits_for_the_frames_queued_before_it() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 10);
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        outbox.offer("a");
        outbox.offer("b");

        outbox.closeAfterFlush(goingAway);
        outbox.offer("after the close");
        assertThat(sink.closes).isEmpty();
        sink.completeNext();
        assertThat(sink.closes).isEmpty();
        sink.completeNext();

        assertThat(sink.closes).containsExactly(goingAway);
        assertThat(sink.sentCopy()).containsExactly("a", "b");
    }

    @Test
    void a_failed_send_stops_all_sending() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 10);
        outbox.offer("a");
        outbox.offer("b");

        sink.failNext();
        outbox.offer("c");

        assertThat(sink.sentCopy()).containsExactly("a");
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void a_frame_whose_send_throws_is_skipped_and_the_frames_after_it_still_leave() {
        FakeSink sink = new FakeSink(FakeSink.Mode.MANUAL);
        Outbox outbox = outbox(sink, 10);
        sink.refused.add("unencodable");
        outbox.offer("a");
        outbox.offer("unencodable");
        outbox.offer("b");

        sink.completeNext();
        sink.completeNext();
        outbox.offer("c");
        sink.completeNext();

        assertThat(sink.sentCopy()).containsExactly("a", "b", "c");
        assertThat(outbox.isClosed()).isFalse();
        assertThat(sink.closes).isEmpty();
    }

    @Test
    void a_send_that_throws_because_the_socket_is_gone_stops_all_sending() {
        FakeSink sink = new FakeSink(FakeSink.Mode.INLINE);
        Outbox outbox = outbox(sink, 10);
        outbox.offer("a");

        sink.drop();
        outbox.offer("b");

        assertThat(sink.sentCopy()).containsExactly("a");
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void a_virtual_machine_error_in_a_send_closes_the_socket_with_1011_and_is_not_swallowed() {
        List<CloseReason> closes = new ArrayList<>();
        FrameSink failing = new FrameSink() {
            @Override
            public void send(String frame, jakarta.websocket.SendHandler whenDone) {
                throw new OutOfMemoryError("test");
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                closes.add(reason);
            }
        };
        Outbox outbox = new Outbox(new SessionId("s1"), UserId.of("p1"), 10, failing, Runnable::run, metrics);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> outbox.offer("a"));

        assertThat(thrown).isInstanceOf(OutOfMemoryError.class);
        assertThat(closes).extracting(reason -> reason.getCloseCode().getCode()).containsExactly(1011);
        assertThat(outbox.offer("b")).isFalse();
    }

    @Test
    void a_pending_outbox_keeps_what_it_is_offered_until_its_socket_is_attached_and_then_sends_it_in_order() {
        Outbox outbox = Outbox.pending(new SessionId("s1"), UserId.of("p1"), 10, Runnable::run, metrics);
        FakeSink sink = new FakeSink(FakeSink.Mode.INLINE);
        outbox.offer("a");
        outbox.offer("b");
        assertThat(outbox.isAttached()).isFalse();

        outbox.attach(sink);
        outbox.offer("c");

        assertThat(sink.sentCopy()).containsExactly("a", "b", "c");
    }

    @Test
    void a_pending_outbox_that_overflowed_closes_its_socket_with_1013_as_soon_as_it_is_attached() {
        Outbox outbox = Outbox.pending(new SessionId("s1"), UserId.of("p1"), 2, Runnable::run, metrics);
        FakeSink sink = new FakeSink(FakeSink.Mode.INLINE);
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");

        outbox.attach(sink);

        assertThat(sink.sentCopy()).isEmpty();
        assertThat(sink.closes).extracting(reason -> reason.getCloseCode().getCode()).containsExactly(1013);
    }

    @Test
    void a_pending_outbox_discarded_before_its_socket_came_closes_that_socket_with_1011() {
        Outbox outbox = Outbox.pending(new SessionId("s1"), UserId.of("p1"), 10, Runnable::run, metrics);
        FakeSink sink = new FakeSink(FakeSink.Mode.INLINE);
        outbox.offer("a");
        outbox.discard();

        outbox.attach(sink);

        assertThat(sink.sentCopy()).isEmpty();
        assertThat(sink.closes).extracting(reason -> reason.getCloseCode().getCode()).containsExactly(1011);
    }

    @Test
    void concurrent_publishers_each_see_their_frames_leave_in_their_order() throws Exception {
        ExecutorService completions = Executors.newFixedThreadPool(2);
        FakeSink sink = new FakeSink(FakeSink.Mode.ON_EXECUTOR, completions);
        Outbox outbox = outbox(sink, 1_000_000);
        int publishers = 4;
        int each = 2_000;

        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int publisher = p;
            running.add(CompletableFuture.runAsync(() -> IntStream.range(0, each).forEach(i -> outbox.offer(publisher + ":" + i))));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.sent.size() < publishers * each && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        completions.shutdown();

        assertThat(sink.sentCopy()).hasSize(publishers * each).doesNotHaveDuplicates();
        for (int p = 0; p < publishers; p++) {
            String prefix = p + ":";
            List<Integer> order = sink.sentCopy().stream().filter(f -> f.startsWith(prefix))
                    .map(f -> Integer.parseInt(f.substring(prefix.length()))).toList();
            assertThat(order).isSorted().hasSize(each);
        }
    }
}
