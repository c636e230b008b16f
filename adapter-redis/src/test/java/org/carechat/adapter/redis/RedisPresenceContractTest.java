package org.carechat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.carechat.application.port.Presence;
import org.carechat.application.port.contract.PresenceContract;
import org.carechat.domain.presence.Availability;
import org.carechat.domain.presence.PresenceState;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis presence keeps every promise of the port, against a real redis-server; and across nodes, what one alone cannot. */
class RedisPresenceContractTest extends PresenceContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private final RedisClient client = SharedRedis.client();
    private final List<RedisPresence> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(RedisPresence::close);
    }

    @Override
    protected Presence create() {
        return node("test-" + UUID.randomUUID() + ":", "n1", Duration.ofSeconds(15));
    }

    private RedisPresence node(String prefix, String node, Duration ttl) {
        RedisPresence presence = RedisPresence.on(client, prefix, node, Clock.systemUTC(), ttl);
        opened.add(presence);
        return presence;
    }

    @Test
    void a_user_is_online_while_any_node_holds_a_session_and_the_status_is_shared() {
        String cluster = "test-" + UUID.randomUUID() + ":";
        RedisPresence a = node(cluster, "a", Duration.ofSeconds(15));
        RedisPresence b = node(cluster, "b", Duration.ofSeconds(15));
        UserId patient = UserId.of("p1");
        assertThat(a.connected(patient, T0).sessions()).isEqualTo(1);
        assertThat(b.connected(patient, T0.plusSeconds(1)).sessions()).as("the second session, on the other node").isEqualTo(2);
        b.setStatus(patient, Availability.BUSY, T0.plusSeconds(2));
        assertThat(a.find(patient).status()).isEqualTo(Availability.BUSY);
        assertThat(a.disconnected(patient, T0.plusSeconds(3)).isOnline()).as("still on b").isTrue();
        PresenceState gone = b.disconnected(patient, T0.plusSeconds(4));
        assertThat(gone.isOnline()).isFalse();
        assertThat(a.find(patient).lastSeen()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void a_dead_node_stops_counting_within_its_time_to_live_and_one_survivor_reports_who_it_took_offline() throws Exception {
        String cluster = "test-" + UUID.randomUUID() + ":";
        RedisPresence dying = node(cluster, "dying", Duration.ofMillis(600));
        RedisPresence a = node(cluster, "a", Duration.ofMillis(600));
        RedisPresence b = node(cluster, "b", Duration.ofMillis(600));
        List<PresenceState> lostAtA = new CopyOnWriteArrayList<>();
        List<PresenceState> lostAtB = new CopyOnWriteArrayList<>();
        a.onLost(lostAtA::add);
        b.onLost(lostAtB::add);
        UserId onlyThere = UserId.of("p1");
        UserId alsoElsewhere = UserId.of("d1");
        dying.connected(onlyThere, T0);
        dying.connected(alsoElsewhere, T0);
        a.connected(alsoElsewhere, T0);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
        try {
            a.start(scheduler);
            b.start(scheduler);
            // the dying node never refreshes its key: it is gone once the key expires
            long until = System.currentTimeMillis() + 10_000;
            while (a.find(onlyThere).isOnline() && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertThat(a.find(onlyThere).isOnline()).isFalse();
            assertThat(a.find(alsoElsewhere).sessions()).isEqualTo(1);
            until = System.currentTimeMillis() + 10_000;
            while (lostAtA.size() + lostAtB.size() == 0 && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            List<PresenceState> lost = new java.util.ArrayList<>(lostAtA);
            lost.addAll(lostAtB);
            assertThat(lost).as("reported once, by one of the survivors").hasSize(1);
            assertThat(lost.get(0).user()).isEqualTo(onlyThere);
            assertThat(lost.get(0).isOnline()).isFalse();
            assertThat(lost.get(0).lastSeen()).isNotNull();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
