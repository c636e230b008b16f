package org.carechat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event bus against a real redis-server. */
class RedisEventBusTest {
    private static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void what_one_node_publishes_every_node_gets_in_order_and_other_channels_stay_apart() throws Exception {
        try (RedisEventBus a = RedisEventBus.connect(redis.uri(), "test:order");
             RedisEventBus b = RedisEventBus.connect(redis.uri(), "test:order");
             RedisEventBus other = RedisEventBus.connect(redis.uri(), "test:other")) {
            BlockingQueue<String> atA = new LinkedBlockingQueue<>();
            BlockingQueue<String> atB = new LinkedBlockingQueue<>();
            BlockingQueue<String> atOther = new LinkedBlockingQueue<>();
            a.subscribe(atA::add);
            b.subscribe(atB::add);
            other.subscribe(atOther::add);
            assertThat(a.connected()).isTrue();
            List<String> sent = IntStream.range(0, 500).mapToObj(i -> "m" + i + " héllo\n{\"x\":" + i + "}")
                    .collect(Collectors.toList());
            sent.forEach(a::publish);
            assertThat(take(atB, 500)).containsExactlyElementsOf(sent);
            assertThat(take(atA, 500)).as("the publisher hears itself too").containsExactlyElementsOf(sent);
            assertThat(atOther.poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void a_cut_is_reported_nothing_is_kept_for_it_and_the_return_is_told_once_both_connections_are_back() throws Exception {
        try (RedisServer own = RedisServer.start();
             RedisEventBus a = RedisEventBus.connect(own.uri(), "test:cut");
             RedisEventBus b = RedisEventBus.connect(own.uri(), "test:cut")) {
            BlockingQueue<String> atB = new LinkedBlockingQueue<>();
            b.subscribe(atB::add);
            CountDownLatch back = new CountDownLatch(1);
            b.onReconnected(back::countDown);
            own.kill();
            long until = System.currentTimeMillis() + 10_000;
            while (b.connected() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(b.connected()).as("the cut is seen").isFalse();
            a.publish("lost"); // nobody is there to get it, and nothing keeps it
            own.startAgain();
            assertThat(back.await(30, TimeUnit.SECONDS)).as("told it is back").isTrue();
            assertThat(b.connected()).isTrue();
            until = System.currentTimeMillis() + 10_000;
            while (!a.connected() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            a.publish("after");
            assertThat(atB.poll(10, TimeUnit.SECONDS)).isEqualTo("after");
        }
    }

    @Test
    void a_node_does_not_start_without_its_redis() {
        assertThatThrownBy(() -> RedisEventBus.connect("redis://127.0.0.1:1", "test:none"))
                .isInstanceOf(RuntimeException.class);
    }

    private static List<String> take(BlockingQueue<String> queue, int count) throws InterruptedException {
        List<String> got = new java.util.ArrayList<>();
        while (got.size() < count) {
            String next = queue.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                break;
            }
            got.add(next);
        }
        return got;
    }
}
