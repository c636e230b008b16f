package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.carechat.application.port.Calls;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.call.CallState;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Calls} store promises: at most one live (ringing or active) call per conversation,
 * also when callers race, atomic updates, and a removed or ended call no longer live.
 */
public abstract class CallsContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId FIRST = ConversationId.of("c_1");
    private static final ConversationId SECOND = ConversationId.of("c_2");

    /** A fresh, empty store for each test. */
    protected abstract Calls create();

    @Test
    void nothing_is_found_in_an_empty_store() {
        Calls calls = create();

        assertThat(calls.find(CallId.of("call_unknown"))).isEmpty();
        assertThat(calls.liveIn(FIRST)).isEmpty();
    }

    @Test
    void start_if_idle_stores_the_call_and_makes_it_live_in_its_conversation() {
        Calls calls = create();
        Call call = ring("call_1", FIRST);

        assertThat(calls.startIfIdle(call)).isTrue();

        assertThat(calls.find(call.id())).contains(call);
        assertThat(calls.liveIn(FIRST)).contains(call);
        assertThat(calls.liveIn(SECOND)).isEmpty();
    }

    @Test
    void start_if_idle_refuses_a_second_live_call_in_the_same_conversation() {
        Calls calls = create();
        Call first = ring("call_1", FIRST);
        calls.startIfIdle(first);
        Call second = Call.ring(CallId.of("call_2"), FIRST, DOCTOR, PATIENT, CallMedia.AUDIO, T0.plusSeconds(1));

        assertThat(calls.startIfIdle(second)).isFalse();

        assertThat(calls.find(second.id())).isEmpty();
        assertThat(calls.liveIn(FIRST)).contains(first);
    }

    @Test
    void an_answered_call_is_still_live() {
        Calls calls = create();
        Call first = ring("call_1", FIRST);
        calls.startIfIdle(first);
        Call active = calls.update(first.id(), c -> c.accept(DOCTOR, T0.plusSeconds(3))).orElseThrow();

        assertThat(calls.startIfIdle(ring("call_2", FIRST))).isFalse();
        assertThat(calls.liveIn(FIRST)).contains(active);
    }

    @Test
    void calls_in_different_conversations_do_not_block_each_other() {
        Calls calls = create();
        Call first = ring("call_1", FIRST);
        Call second = ring("call_2", SECOND);

        assertThat(calls.startIfIdle(first)).isTrue();
        assertThat(calls.startIfIdle(second)).isTrue();

        assertThat(calls.liveIn(FIRST)).contains(first);
        assertThat(calls.liveIn(SECOND)).contains(second);
    }

    @Test
    void racing_callers_in_one_conversation_start_exactly_one_call() {
        Calls calls = create();
        int threads = 8;

        List<Boolean> started = Race.run(threads, t -> calls.startIfIdle(ring("call_" + t, FIRST)));

        assertThat(started).filteredOn(Boolean::booleanValue).hasSize(1);
        int winner = started.indexOf(Boolean.TRUE);
        assertThat(calls.liveIn(FIRST).orElseThrow().id()).isEqualTo(CallId.of("call_" + winner));
        for (int t = 0; t < threads; t++) {
            assertThat(calls.find(CallId.of("call_" + t)).isPresent()).as("call_" + t + " stored").isEqualTo(t == winner);
        }
    }

    @Test
    void update_applies_the_change_and_returns_the_stored_result() {
        Calls calls = create();
        Call call = ring("call_1", FIRST);
        calls.startIfIdle(call);
        Call expected = call.accept(DOCTOR, T0.plusSeconds(4).plusMillis(4));

        assertThat(calls.update(call.id(), c -> c.accept(DOCTOR, T0.plusSeconds(4).plusMillis(4)))).contains(expected);

        assertThat(calls.find(call.id())).contains(expected);
        assertThat(calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
    }

    @Test
    void update_of_an_unknown_call_is_empty() {
        Calls calls = create();

        assertThat(calls.update(CallId.of("call_unknown"), c -> c.accept(DOCTOR, T0))).isEmpty();
        assertThat(calls.find(CallId.of("call_unknown"))).isEmpty();
    }

    @Test
    void update_whose_change_refuses_leaves_the_call_unchanged_and_propagates() {
        Calls calls = create();
        Call call = ring("call_1", FIRST);
        calls.startIfIdle(call);

        assertThatThrownBy(() -> calls.update(call.id(), c -> c.accept(PATIENT, T0.plusSeconds(1))))
                .isInstanceOf(Refusal.class);

        assertThat(calls.find(call.id())).contains(call);
    }

    @Test
    void a_call_round_trips_every_field_when_ended() {
        Calls calls = create();
        Call call = Call.ring(CallId.of("call_1"), FIRST, PATIENT, DOCTOR, CallMedia.VIDEO, T0.plusMillis(1));
        calls.startIfIdle(call);
        Call ended = call.accept(DOCTOR, T0.plusSeconds(5).plusMillis(2)).end(PATIENT, T0.plusSeconds(65).plusMillis(3));

        calls.update(call.id(), c -> c.accept(DOCTOR, T0.plusSeconds(5).plusMillis(2)));
        calls.update(call.id(), c -> c.end(PATIENT, T0.plusSeconds(65).plusMillis(3)));

        Call found = calls.find(call.id()).orElseThrow();
        assertThat(found).isEqualTo(ended);
        assertThat(found.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(found.media()).isEqualTo(CallMedia.VIDEO);
    }

    @Test
    void an_ended_call_is_no_longer_live_and_a_new_call_may_start() {
        Calls calls = create();
        Call call = ring("call_1", FIRST);
        calls.startIfIdle(call);
        calls.update(call.id(), c -> c.reject(DOCTOR, T0.plusSeconds(2)));

        assertThat(calls.liveIn(FIRST)).isEmpty();
        Call next = ring("call_2", FIRST);
        assertThat(calls.startIfIdle(next)).isTrue();
        assertThat(calls.liveIn(FIRST)).contains(next);
    }

    @Test
    void a_removed_call_is_gone_and_a_new_call_may_start() {
        Calls calls = create();
        Call call = ring("call_1", FIRST);
        calls.startIfIdle(call);

        calls.remove(call.id());

        assertThat(calls.find(call.id())).isEmpty();
        assertThat(calls.liveIn(FIRST)).isEmpty();
        Call next = ring("call_2", FIRST);
        assertThat(calls.startIfIdle(next)).isTrue();
        assertThat(calls.liveIn(FIRST)).contains(next);
    }

    @Test
    void removing_one_call_leaves_the_others() {
        Calls calls = create();
        Call first = ring("call_1", FIRST);
        Call second = ring("call_2", SECOND);
        calls.startIfIdle(first);
        calls.startIfIdle(second);

        calls.remove(first.id());

        assertThat(calls.find(second.id())).contains(second);
        assertThat(calls.liveIn(SECOND)).contains(second);
    }

    private static Call ring(String id, ConversationId conversation) {
        return Call.ring(CallId.of(id), conversation, PATIENT, DOCTOR, CallMedia.AUDIO, T0);
    }
}
