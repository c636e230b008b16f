package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationOrderTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ConversationOrder order = new ConversationOrder(timer);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private void arrive(String conversation, long seq) {
        order.deliver(conversation, seq, () -> out.add(conversation + "/" + seq));
    }

    @Test
    void a_message_ahead_waits_for_the_one_before_it_and_conversations_do_not_wait_for_each_other() {
        arrive("c1", 5);
        arrive("c1", 7);
        arrive("c2", 1);
        arrive("c1", 6);
        arrive("c1", 8);
        assertThat(out).containsExactly("c1/5", "c2/1", "c1/6", "c1/7", "c1/8");
    }

    @Test
    void a_gap_that_never_closes_is_given_up_after_the_hold_in_order_and_a_late_one_still_goes_out() throws Exception {
        arrive("c1", 1);
        arrive("c1", 4);
        arrive("c1", 3);
        assertThat(out).containsExactly("c1/1");
        long until = System.currentTimeMillis() + 5_000;
        while (out.size() < 3 && System.currentTimeMillis() < until) {
            Thread.sleep(10);
        }
        assertThat(out).containsExactly("c1/1", "c1/3", "c1/4");
        arrive("c1", 2);
        arrive("c1", 5);
        assertThat(out).containsExactly("c1/1", "c1/3", "c1/4", "c1/2", "c1/5");
    }

    @Test
    void closing_lets_what_waits_go_out_in_order_stops_the_timer_and_then_holds_nothing() throws Exception {
        arrive("c1", 1);
        arrive("c1", 4);
        arrive("c1", 3);
        assertThat(out).containsExactly("c1/1");
        order.close();
        assertThat(out).containsExactly("c1/1", "c1/3", "c1/4");
        assertThat(timer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        arrive("c1", 9);
        arrive("c2", 5);
        arrive("c2", 7);
        assertThat(out).containsExactly("c1/1", "c1/3", "c1/4", "c1/9", "c2/5", "c2/7");
    }
}
