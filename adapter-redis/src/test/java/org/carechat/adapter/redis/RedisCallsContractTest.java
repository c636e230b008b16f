package org.carechat.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carechat.application.port.Calls;
import org.carechat.application.port.contract.CallsContract;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis calls keep every promise of the port, against a real redis-server; and two nodes see the same calls. */
class RedisCallsContractTest extends CallsContract {
    private final RedisClient client = SharedRedis.client();
    private final List<RedisCalls> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(RedisCalls::close);
    }

    @Override
    protected Calls create() {
        return node("test-" + UUID.randomUUID() + ":");
    }

    private RedisCalls node(String prefix) {
        RedisCalls calls = RedisCalls.on(client, prefix);
        opened.add(calls);
        return calls;
    }

    @Test
    void a_call_rung_through_one_node_is_answered_through_another() {
        String cluster = "test-" + UUID.randomUUID() + ":";
        RedisCalls a = node(cluster);
        RedisCalls b = node(cluster);
        Instant now = Instant.parse("2026-11-22T10:30:00.123456789Z");
        Call call = Call.ring(CallId.of("call_1"), ConversationId.of("c_1"), UserId.of("p1"), UserId.of("d1"), CallMedia.VIDEO, now);
        assertThat(a.startIfIdle(call)).isTrue();
        assertThat(b.liveIn(ConversationId.of("c_1"))).contains(call);
        assertThat(b.startIfIdle(Call.ring(CallId.of("call_2"), ConversationId.of("c_1"), UserId.of("d1"), UserId.of("p1"),
                CallMedia.AUDIO, now))).as("one live call per conversation, cluster-wide").isFalse();
        Call accepted = b.update(call.id(), c -> c.accept(UserId.of("d1"), now.plusSeconds(3))).orElseThrow();
        assertThat(a.find(call.id())).contains(accepted);
    }
}
