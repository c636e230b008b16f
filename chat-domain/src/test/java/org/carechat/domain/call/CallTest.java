package org.carechat.domain.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class CallTest {
    private static final CallId ID = CallId.of("call_1");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");
    private static final UserId CALLER = UserId.of("p1");
    private static final UserId CALLEE = UserId.of("d1");
    private static final UserId STRANGER = UserId.of("x1");
    private static final Instant RANG_AT = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant ANSWERED_AT = RANG_AT.plusSeconds(5);

    private final Call ringing = Call.ring(ID, CONVERSATION, CALLER, CALLEE, CallMedia.VIDEO, RANG_AT);
    private final Call active = ringing.accept(CALLEE, ANSWERED_AT);

    @Test
    void a_new_call_rings_and_has_no_answer_end_or_outcome() {
        assertThat(ringing.state()).isEqualTo(CallState.RINGING);
        assertThat(ringing.requestedAt()).isEqualTo(RANG_AT);
        assertThat(ringing.answeredAt()).isNull();
        assertThat(ringing.endedAt()).isNull();
        assertThat(ringing.outcome()).isNull();
        assertThat(ringing.media()).isEqualTo(CallMedia.VIDEO);
    }

    @Test
    void the_callee_accepts_a_ringing_call_which_becomes_active() {
        assertThat(active.state()).isEqualTo(CallState.ACTIVE);
        assertThat(active.answeredAt()).isEqualTo(ANSWERED_AT);
        assertThat(active.outcome()).isNull();
        assertThat(active.endedAt()).isNull();
    }

    @Test
    void the_caller_cannot_accept_their_own_call() {
        assertRefused(() -> ringing.accept(CALLER, ANSWERED_AT), FailureKind.FORBIDDEN);
    }

    @Test
    void a_stranger_cannot_even_see_the_call() {
        assertRefused(() -> ringing.accept(STRANGER, ANSWERED_AT), FailureKind.NOT_FOUND);
        assertRefused(() -> ringing.reject(STRANGER, ANSWERED_AT), FailureKind.NOT_FOUND);
        assertRefused(() -> ringing.end(STRANGER, ANSWERED_AT), FailureKind.NOT_FOUND);
        assertRefused(() -> active.end(STRANGER, ANSWERED_AT), FailureKind.NOT_FOUND);
    }

    @Test
    void an_answered_call_hung_up_by_either_party_is_completed_with_its_talk_time() {
        Instant hungUp = ANSWERED_AT.plusSeconds(125);

        for (UserId party : new UserId[] {CALLER, CALLEE}) {
            Call ended = active.end(party, hungUp);

            assertThat(ended.state()).isEqualTo(CallState.ENDED);
            assertThat(ended.outcome()).isEqualTo(CallOutcome.COMPLETED);
            assertThat(ended.endedAt()).isEqualTo(hungUp);
            assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(125));
        }
    }

    @Test
    void talk_time_starts_at_the_answer_not_at_the_first_ring() {
        Call ended = active.end(CALLER, ANSWERED_AT.plusSeconds(60));

        assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_summary_of_a_completed_call_records_media_outcome_and_whole_seconds() {
        Call ended = active.end(CALLEE, ANSWERED_AT.plusSeconds(42).plusMillis(900));

        assertThat(ended.summary()).isEqualTo(new CallSummary(ID, CallMedia.VIDEO, CallOutcome.COMPLETED, 42));
    }

    @Test
    void the_callee_rejecting_a_ringing_call_ends_it_as_rejected() {
        Call rejected = ringing.reject(CALLEE, RANG_AT.plusSeconds(3));

        assertThat(rejected.state()).isEqualTo(CallState.ENDED);
        assertThat(rejected.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(rejected.endedAt()).isEqualTo(RANG_AT.plusSeconds(3));
        assertThat(rejected.duration()).isZero();
        assertThat(rejected.summary()).isEqualTo(new CallSummary(ID, CallMedia.VIDEO, CallOutcome.REJECTED, 0));
    }

    @Test
    void the_caller_cannot_reject_their_own_call() {
        assertRefused(() -> ringing.reject(CALLER, ANSWERED_AT), FailureKind.FORBIDDEN);
    }

    @Test
    void an_active_call_can_no_longer_be_accepted_or_rejected() {
        assertRefused(() -> active.accept(CALLEE, ANSWERED_AT.plusSeconds(1)), FailureKind.CONFLICT);
        assertRefused(() -> active.reject(CALLEE, ANSWERED_AT.plusSeconds(1)), FailureKind.CONFLICT);
    }

    @Test
    void the_caller_hanging_up_while_it_rings_makes_a_missed_call() {
        Call cancelled = ringing.end(CALLER, RANG_AT.plusSeconds(10));

        assertThat(cancelled.state()).isEqualTo(CallState.ENDED);
        assertThat(cancelled.outcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(cancelled.answeredAt()).isNull();
        assertThat(cancelled.duration()).isZero();
    }

    @Test
    void the_callee_hanging_up_while_it_rings_counts_as_rejected() {
        assertThat(ringing.end(CALLEE, RANG_AT.plusSeconds(10)).outcome()).isEqualTo(CallOutcome.REJECTED);
    }

    @Test
    void accepting_an_ended_call_is_a_conflict() {
        Call cancelled = ringing.end(CALLER, RANG_AT.plusSeconds(10));

        assertRefused(() -> cancelled.accept(CALLEE, RANG_AT.plusSeconds(11)), FailureKind.CONFLICT);
        assertRefused(() -> cancelled.reject(CALLEE, RANG_AT.plusSeconds(11)), FailureKind.CONFLICT);
    }

    @Test
    void ending_an_ended_call_is_a_conflict() {
        Call ended = active.end(CALLER, ANSWERED_AT.plusSeconds(30));

        assertRefused(() -> ended.end(CALLEE, ANSWERED_AT.plusSeconds(31)), FailureKind.CONFLICT);
        assertRefused(() -> ended.end(CALLER, ANSWERED_AT.plusSeconds(31)), FailureKind.CONFLICT);
    }

    @Test
    void a_ringing_call_that_times_out_is_missed() {
        Instant timeout = RANG_AT.plus(Call.DEFAULT_RING_TIMEOUT);

        Call missed = ringing.ringTimedOut(timeout);

        assertThat(missed.state()).isEqualTo(CallState.ENDED);
        assertThat(missed.outcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(missed.endedAt()).isEqualTo(timeout);
        assertThat(missed.summary()).isEqualTo(new CallSummary(ID, CallMedia.VIDEO, CallOutcome.MISSED, 0));
    }

    @Test
    void the_ring_timeout_does_not_affect_an_answered_or_ended_call() {
        Call ended = active.end(CALLER, ANSWERED_AT.plusSeconds(30));
        Instant late = RANG_AT.plus(Call.DEFAULT_RING_TIMEOUT);

        assertThat(active.ringTimedOut(late)).isSameAs(active);
        assertThat(ended.ringTimedOut(late)).isSameAs(ended);
    }

    @Test
    void the_default_ring_timeout_is_45_seconds() {
        assertThat(Call.DEFAULT_RING_TIMEOUT).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void only_an_ended_call_has_a_summary() {
        assertThatThrownBy(ringing::summary).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(active::summary).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_call_not_ended_has_no_talk_time_yet() {
        assertThat(ringing.duration()).isZero();
        assertThat(active.duration()).isZero();
    }

    @Test
    void the_other_party_of_each_side_is_the_other_side() {
        assertThat(ringing.otherParty(CALLER)).isEqualTo(CALLEE);
        assertThat(ringing.otherParty(CALLEE)).isEqualTo(CALLER);
        assertThatThrownBy(() -> ringing.otherParty(STRANGER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_call_involves_only_its_two_parties() {
        assertThat(ringing.involves(CALLER)).isTrue();
        assertThat(ringing.involves(CALLEE)).isTrue();
        assertThat(ringing.involves(STRANGER)).isFalse();
    }

    @Test
    void an_ended_call_and_only_an_ended_call_has_an_outcome_and_an_end() {
        assertThatThrownBy(() -> new Call(ID, CONVERSATION, CALLER, CALLEE, CallMedia.AUDIO, CallState.ENDED,
                RANG_AT, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call(ID, CONVERSATION, CALLER, CALLEE, CallMedia.AUDIO, CallState.ENDED,
                RANG_AT, null, RANG_AT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call(ID, CONVERSATION, CALLER, CALLEE, CallMedia.AUDIO, CallState.RINGING,
                RANG_AT, null, RANG_AT, CallOutcome.MISSED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call(ID, CONVERSATION, CALLER, CALLEE, CallMedia.AUDIO, CallState.ACTIVE,
                RANG_AT, RANG_AT, null, CallOutcome.COMPLETED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call(ID, CONVERSATION, CALLER, CALLEE, CallMedia.AUDIO, CallState.RINGING,
                RANG_AT, null, RANG_AT, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void media_parses_from_its_wire_name() {
        assertThat(CallMedia.parse("audio")).contains(CallMedia.AUDIO);
        assertThat(CallMedia.parse("video")).contains(CallMedia.VIDEO);
        assertThat(CallMedia.parse("screen")).isEmpty();
        assertThat(CallMedia.parse(null)).isEmpty();
        assertThat(CallOutcome.MISSED.wireName()).isEqualTo("missed");
    }
}
