package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.CallHistoryUseCase.CallHistory;
import org.carechat.application.call.RelayCallSignalUseCase.RelaySignal;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.call.CallState;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent.CallAccepted;
import org.carechat.domain.event.ChatEvent.CallEnded;
import org.carechat.domain.event.ChatEvent.CallRejected;
import org.carechat.domain.event.ChatEvent.CallSignal;
import org.carechat.domain.event.ChatEvent.IncomingCall;
import org.carechat.domain.event.ChatEvent.MessageCreated;
import org.carechat.domain.event.ChatEvent.MessagesRead;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.junit.jupiter.api.Test;

/** Call signalling: ringing, answers, one live call per conversation, the ring timeout and the call record. */
final class CallsTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");
    private final Actor adaMobile = fx.connect(fx.ada, "mobile");

    CallsTest() {
        // calls are made between open sessions, as over the socket, which records presence when it opens
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            ok(fx.core.openSession().open(session));
        }
        fx.clearInboxes();
    }

    @Test
    void a_request_rings_every_session_of_the_callee() {
        Call call = ring(alicePhone, CallMedia.VIDEO);

        assertThat(call.state()).isEqualTo(CallState.RINGING);
        assertThat(call.caller()).isEqualTo(fx.alice.id());
        assertThat(call.callee()).isEqualTo(fx.ada.id());
        IncomingCall expected = new IncomingCall(call.id(), conversation, fx.alice.id(), CallMedia.VIDEO);
        assertThat(fx.inbox(adaDesk).events()).containsExactly(expected);
        assertThat(fx.inbox(adaMobile).events()).containsExactly(expected);
        assertThat(fx.inbox(alicePhone).events()).isEmpty();
        assertThat(fx.inbox(aliceLaptop).events()).isEmpty();
    }

    @Test
    void a_call_to_a_person_uses_their_direct_conversation() {
        Call call = ok(fx.core.requestCall().requestCall(new RequestCall(adaDesk, null, fx.alice.id(), CallMedia.AUDIO)));

        assertThat(call.conversationId()).isEqualTo(conversation);
        assertThat(fx.inbox(alicePhone).events(IncomingCall.class)).hasSize(1);
    }

    @Test
    void accepting_tells_the_caller_and_the_callees_other_sessions() {
        Call call = ring(alicePhone, CallMedia.AUDIO);

        Call active = ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));

        assertThat(active.state()).isEqualTo(CallState.ACTIVE);
        assertThat(active.answeredAt()).isEqualTo(fx.time.instant());
        CallAccepted expected = new CallAccepted(call.id(), fx.ada.id());
        assertThat(fx.inbox(alicePhone).events()).containsExactly(expected);
        assertThat(fx.inbox(aliceLaptop).events()).containsExactly(expected);
        assertThat(fx.inbox(adaMobile).events(CallAccepted.class)).containsExactly(expected);
        assertThat(fx.inbox(adaDesk).events(CallAccepted.class)).isEmpty();
    }

    @Test
    void only_the_callee_answers() {
        Call call = ring(alicePhone, CallMedia.AUDIO);

        assertThat(failure(fx.core.answerCall().accept(new CallAction(alicePhone, call.id(), null))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.answerCall().reject(new CallAction(alicePhone, call.id(), null))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void rejecting_tells_the_caller_and_records_a_rejected_call() {
        Call call = ring(alicePhone, CallMedia.VIDEO);

        Call rejected = ok(fx.core.answerCall().reject(new CallAction(adaDesk, call.id(), "in a consultation")));

        assertThat(rejected.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(fx.inbox(alicePhone).events(CallRejected.class))
                .containsExactly(new CallRejected(call.id(), fx.ada.id(), "in a consultation"));
        assertThat(callMessages()).extracting(Message::call)
                .containsExactly(new CallSummary(call.id(), CallMedia.VIDEO, CallOutcome.REJECTED, 0));
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
    }

    @Test
    void ending_an_answered_call_tells_the_other_party_and_records_its_duration() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.time.advance(Duration.ofSeconds(95));

        Call ended = ok(fx.core.answerCall().end(new CallAction(alicePhone, call.id(), null)));

        assertThat(ended.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(ended.duration()).isEqualTo(Duration.ofSeconds(95));
        CallEnded expected = new CallEnded(call.id(), CallOutcome.COMPLETED, null, Duration.ofSeconds(95));
        assertThat(fx.inbox(adaDesk).events(CallEnded.class)).containsExactly(expected);
        assertThat(fx.inbox(adaMobile).events(CallEnded.class)).containsExactly(expected);
        assertThat(fx.inbox(aliceLaptop).events(CallEnded.class)).containsExactly(expected);
        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).isEmpty();
        Message record = callMessages().get(0);
        assertThat(record.type()).isEqualTo(MessageType.CALL);
        assertThat(record.call()).isEqualTo(new CallSummary(call.id(), CallMedia.VIDEO, CallOutcome.COMPLETED, 95));
        assertThat(record.createdAt()).isEqualTo(fx.time.instant());
    }

    @Test
    void every_session_of_both_parties_gets_the_call_message_also_the_one_that_hung_up() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.time.advance(Duration.ofSeconds(30));

        ok(fx.core.answerCall().end(new CallAction(adaDesk, call.id(), null)));

        Message record = callMessages().get(0);
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            assertThat(fx.inbox(session).events(MessageCreated.class)).as("%s", session.session())
                    .extracting(created -> created.message().message()).containsExactly(record);
        }
    }

    @Test
    void a_conversation_has_only_one_live_call_at_a_time() {
        Call call = ring(alicePhone, CallMedia.AUDIO);

        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(adaDesk, conversation, null, CallMedia.VIDEO)))
                .kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(aliceLaptop, null, fx.ada.id(), CallMedia.AUDIO)))
                .kind()).isEqualTo(FailureKind.CONFLICT);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(adaDesk, conversation, null, CallMedia.VIDEO)))
                .kind()).isEqualTo(FailureKind.CONFLICT);

        ok(fx.core.answerCall().end(new CallAction(adaDesk, call.id(), null)));

        Call next = ring(adaDesk, CallMedia.VIDEO);
        assertThat(next.id()).isNotEqualTo(call.id());
        assertThat(ok(fx.core.requestCall().requestCall(new RequestCall(fx.alice, null, fx.nora.id(), CallMedia.AUDIO)))
                .state()).as("another conversation rings independently").isEqualTo(CallState.RINGING);
    }

    @Test
    void a_call_whose_ring_timeout_was_lost_with_its_server_ends_as_missed_when_it_is_touched_next() {
        Call stale = ring(alicePhone, CallMedia.VIDEO);
        fx.timers.loseAll(); // the server that placed it died: its ring timeout never fires
        fx.time.advance(Duration.ofSeconds(60));
        assertThat(fx.calls.find(stale.id()).orElseThrow().state()).isEqualTo(CallState.RINGING);

        // the callee answers too late: refused, and the call ends as missed for everyone
        assertThat(failure(fx.core.answerCall().accept(new CallAction(adaDesk, stale.id(), null))).kind())
                .isEqualTo(FailureKind.CONFLICT);
        CallEnded missed = new CallEnded(stale.id(), CallOutcome.MISSED, "missed", Duration.ZERO);
        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).containsExactly(missed);
        assertThat(fx.inbox(adaMobile).events(CallEnded.class)).containsExactly(missed);
        assertThat(callMessages()).extracting(message -> message.call().outcome()).containsExactly(CallOutcome.MISSED);
    }

    @Test
    void a_new_call_in_a_conversation_whose_last_ringing_call_lost_its_timeout_goes_through() {
        Call stale = ring(alicePhone, CallMedia.AUDIO);
        fx.timers.loseAll();
        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(aliceLaptop, conversation, null,
                CallMedia.VIDEO))).kind()).as("still ringing: a second call is refused").isEqualTo(FailureKind.CONFLICT);
        fx.time.advance(Duration.ofSeconds(60));

        Call next = ok(fx.core.requestCall().requestCall(new RequestCall(aliceLaptop, conversation, null, CallMedia.VIDEO)));

        assertThat(fx.calls.find(stale.id()).filter(call -> call.state() != CallState.ENDED)).as("the stale call is over").isEmpty();
        assertThat(fx.calls.liveIn(conversation)).contains(next);
        assertThat(fx.inbox(adaDesk).events(CallEnded.class))
                .containsExactly(new CallEnded(stale.id(), CallOutcome.MISSED, "missed", Duration.ZERO));
    }

    @Test
    void an_unanswered_call_is_missed_after_the_ring_timeout() {
        Call call = ring(alicePhone, CallMedia.VIDEO);

        fx.time.advance(Duration.ofSeconds(44));
        assertThat(fx.inbox(adaDesk).events(CallEnded.class)).isEmpty();
        assertThat(fx.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.RINGING);

        fx.time.advance(Duration.ofSeconds(1));

        CallEnded missed = new CallEnded(call.id(), CallOutcome.MISSED, "missed", Duration.ZERO);
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            assertThat(fx.inbox(session).events(CallEnded.class)).as("%s", session.session()).containsExactly(missed);
        }
        Message record = callMessages().get(0);
        assertThat(record.call()).isEqualTo(new CallSummary(call.id(), CallMedia.VIDEO, CallOutcome.MISSED, 0));
        assertThat(record.createdAt()).isEqualTo(ChatFixture.START.plusSeconds(45));
        assertThat(record.senderId()).isEqualTo(fx.alice.id());
        assertThat(fx.everything(fx.ada, conversation)).extracting(MessageView::message).containsExactly(record);
        assertThat(failure(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
    }

    @Test
    void the_ring_timeout_comes_from_the_settings() {
        ChatFixture quick = ChatFixture.create(settings -> settings.withRingTimeout(Duration.ofSeconds(10)));
        ConversationId withAda = quick.open(quick.alice, quick.ada);
        ok(quick.core.requestCall().requestCall(new RequestCall(quick.alice, withAda, null, CallMedia.AUDIO)));

        quick.time.advance(Duration.ofSeconds(10));

        assertThat(quick.calls.liveIn(withAda)).isEmpty();
        assertThat(quick.everything(quick.alice, withAda)).hasSize(1);
    }

    @Test
    void an_answered_call_outlives_the_ring_timeout() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        fx.time.advance(Duration.ofSeconds(20));
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));

        fx.time.advance(Duration.ofMinutes(5));

        assertThat(fx.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).isEmpty();
        assertThat(callMessages()).isEmpty();
    }

    @Test
    void a_caller_hanging_up_while_it_rings_makes_a_missed_call_and_the_timer_adds_nothing() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        fx.time.advance(Duration.ofSeconds(10));

        Call cancelled = ok(fx.core.answerCall().end(new CallAction(alicePhone, call.id(), "wrong number")));
        fx.time.advance(Duration.ofMinutes(1));

        assertThat(cancelled.outcome()).isEqualTo(CallOutcome.MISSED);
        assertThat(fx.inbox(adaDesk).events(CallEnded.class))
                .containsExactly(new CallEnded(call.id(), CallOutcome.MISSED, "wrong number", Duration.ZERO));
        assertThat(callMessages()).hasSize(1);
    }

    @Test
    void a_signal_is_relayed_verbatim_to_the_other_party_only() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        String offer = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 46117 2 IN IP4 127.0.0.1\"}";

        ok(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), offer)));

        CallSignal expected = new CallSignal(call.id(), fx.alice.id(), offer);
        assertThat(fx.inbox(adaDesk).events(CallSignal.class)).containsExactly(expected);
        assertThat(fx.inbox(adaMobile).events(CallSignal.class)).containsExactly(expected);
        assertThat(fx.inbox(aliceLaptop).events(CallSignal.class)).isEmpty();
        assertThat(fx.inbox(alicePhone).events(CallSignal.class)).isEmpty();
    }

    @Test
    void a_signal_over_sixteen_kib_is_too_large() {
        Call call = ring(alicePhone, CallMedia.VIDEO);

        assertThat(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "x".repeat(16 * 1024))).isOk())
                .isTrue();
        assertThat(failure(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "x".repeat(16 * 1024 + 1))))
                .kind()).isEqualTo(FailureKind.TOO_LARGE);
        assertThat(failure(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "é".repeat(8 * 1024 + 1))))
                .kind()).as("counted in UTF-8 bytes").isEqualTo(FailureKind.TOO_LARGE);
        assertThat(fx.inbox(adaDesk).events(CallSignal.class)).hasSize(1);
    }

    @Test
    void call_history_lists_the_call_messages_newest_first() {
        fx.send(fx.alice, conversation, "Can we talk?");
        Call first = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().reject(new CallAction(adaDesk, first.id(), null)));
        fx.send(fx.ada, conversation, "Calling you back");
        fx.time.advance(Duration.ofMinutes(1));
        Call second = ring(adaDesk, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(alicePhone, second.id(), null)));
        fx.time.advance(Duration.ofSeconds(300));
        ok(fx.core.answerCall().end(new CallAction(alicePhone, second.id(), null)));

        List<Message> calls = ok(fx.core.callHistory().history(new CallHistory(fx.alice, conversation, null)));

        assertThat(calls).extracting(Message::type).containsOnly(MessageType.CALL);
        assertThat(calls).extracting(Message::call).containsExactly(
                new CallSummary(second.id(), CallMedia.VIDEO, CallOutcome.COMPLETED, 300),
                new CallSummary(first.id(), CallMedia.AUDIO, CallOutcome.REJECTED, 0));
        assertThat(ok(fx.core.callHistory().history(new CallHistory(fx.ada, conversation, 1)))).hasSize(1);
        assertThat(fx.everything(fx.alice, conversation)).hasSize(4);
    }

    // --- the server ends calls on its own

    @Test
    void revoking_the_relationship_ends_an_answered_call_at_once_and_refuses_later_signals() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.time.advance(Duration.ofSeconds(60));

        fx.revoke(fx.alice, fx.ada);

        CallEnded ended = new CallEnded(call.id(), CallOutcome.COMPLETED, "care_ended", Duration.ofSeconds(60));
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            assertThat(fx.inbox(session).events(CallEnded.class)).as("%s", session.session()).containsExactly(ended);
        }
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
        assertThat(failure(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "{}"))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure(fx.core.answerCall().end(new CallAction(adaDesk, call.id(), null))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(callMessages()).extracting(Message::call)
                .containsExactly(new CallSummary(call.id(), CallMedia.VIDEO, CallOutcome.COMPLETED, 60));
    }

    @Test
    void revoking_the_relationship_ends_a_ringing_call_so_it_cannot_be_accepted() {
        Call call = ring(adaDesk, CallMedia.AUDIO);

        fx.revoke(fx.alice, fx.ada);

        assertThat(fx.inbox(alicePhone).events(CallEnded.class))
                .containsExactly(new CallEnded(call.id(), CallOutcome.MISSED, "care_ended", Duration.ZERO));
        assertThat(failure(fx.core.answerCall().accept(new CallAction(alicePhone, call.id(), null))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void a_relationship_that_expires_during_a_call_ends_it_when_it_expires() {
        Instant end = fx.time.instant().plus(Duration.ofMinutes(10));
        fx.relate(fx.alice, fx.ada, end);
        Call call = ring(alicePhone, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));

        fx.time.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(fx.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
        fx.time.advance(Duration.ofSeconds(1));

        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).containsExactly(
                new CallEnded(call.id(), CallOutcome.COMPLETED, "care_ended", Duration.ofMinutes(10)));
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
    }

    @Test
    void care_ended_elsewhere_is_noticed_by_the_next_signal_which_is_refused_and_ends_the_call() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        // the clinic's own appointment system ends the care: nobody tells CareChat
        fx.relationships.save(fx.relationships.between(fx.alice.id(), fx.ada.id()).orElseThrow()
                .revoked(fx.time.instant()));

        assertThat(failure(fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "{}"))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);

        assertThat(fx.inbox(adaDesk).events(CallSignal.class)).isEmpty();
        assertThat(fx.inbox(adaDesk).events(CallEnded.class)).extracting(CallEnded::reason).containsExactly("care_ended");
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
    }

    @Test
    void care_ended_elsewhere_is_noticed_by_the_watch_within_the_grace_period() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.relationships.save(fx.relationships.between(fx.alice.id(), fx.ada.id()).orElseThrow()
                .revoked(fx.time.instant()));

        fx.time.advance(Call.DEFAULT_DISCONNECT_GRACE);

        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).extracting(CallEnded::reason).containsExactly("care_ended");
    }

    @Test
    void an_answered_call_whose_parties_both_left_ends_after_the_grace_period_and_frees_the_conversation() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        fx.time.advance(Duration.ofSeconds(100));
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk)) {
            ok(fx.core.closeSession().close(session));
        }
        fx.time.advance(Duration.ofSeconds(5));
        ok(fx.core.closeSession().close(adaMobile));

        fx.time.advance(Call.DEFAULT_DISCONNECT_GRACE.minusSeconds(1));
        assertThat(fx.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
        fx.time.advance(Duration.ofSeconds(1));

        assertThat(fx.calls.liveIn(conversation)).isEmpty();
        assertThat(callMessages()).extracting(Message::call)
                .containsExactly(new CallSummary(call.id(), CallMedia.AUDIO, CallOutcome.COMPLETED, 135));
        Actor adaBack = fx.connect(fx.ada, "back");
        ok(fx.core.openSession().open(adaBack));
        assertThat(ring(adaBack, CallMedia.AUDIO).state()).as("no call is in progress any more").isEqualTo(CallState.RINGING);
    }

    @Test
    void an_answered_call_goes_on_while_one_party_is_connected_or_a_party_comes_back_within_the_grace_period() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        ok(fx.core.closeSession().close(alicePhone));
        ok(fx.core.closeSession().close(aliceLaptop));

        fx.time.advance(Duration.ofMinutes(10));
        assertThat(fx.calls.find(call.id()).orElseThrow().state()).as("ada is still there").isEqualTo(CallState.ACTIVE);

        ok(fx.core.closeSession().close(adaDesk));
        ok(fx.core.closeSession().close(adaMobile));
        fx.time.advance(Call.DEFAULT_DISCONNECT_GRACE.minusSeconds(5));
        ok(fx.core.openSession().open(alicePhone));
        fx.time.advance(Duration.ofMinutes(10));

        assertThat(fx.calls.find(call.id()).orElseThrow().state()).as("alice came back in time").isEqualTo(CallState.ACTIVE);
    }

    @Test
    void a_store_outage_while_the_watch_looks_does_not_leave_the_call_unwatched() {
        Call call = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        for (Actor session : List.of(alicePhone, aliceLaptop, adaDesk, adaMobile)) {
            ok(fx.core.closeSession().close(session));
        }

        fx.conversations.failNextFind();
        fx.time.advance(Call.DEFAULT_DISCONNECT_GRACE);
        assertThat(fx.calls.find(call.id())).as("the watch failed this time").isPresent();
        fx.time.advance(Call.DEFAULT_DISCONNECT_GRACE);

        assertThat(fx.calls.liveIn(conversation)).isEmpty();
        assertThat(callMessages()).hasSize(1);
    }

    @Test
    void accepting_a_ringing_call_whose_care_ended_elsewhere_is_refused_and_ends_it() {
        Call call = ring(alicePhone, CallMedia.VIDEO);
        fx.relationships.save(fx.relationships.between(fx.alice.id(), fx.ada.id()).orElseThrow()
                .revoked(fx.time.instant()));

        assertThat(failure(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);

        assertThat(fx.inbox(alicePhone).events(CallEnded.class)).extracting(CallEnded::reason).containsExactly("care_ended");
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
    }

    @Test
    void an_embedding_that_reports_no_sessions_keeps_its_answered_calls_until_hung_up() {
        ChatFixture embedded = ChatFixture.create();
        ConversationId c = embedded.open(embedded.alice, embedded.ada);
        Call call = ok(embedded.core.requestCall().requestCall(new RequestCall(embedded.alice, c, null, CallMedia.AUDIO)));
        ok(embedded.core.answerCall().accept(new CallAction(embedded.ada, call.id(), null)));

        embedded.time.advance(Duration.ofHours(1));

        assertThat(embedded.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
        ok(embedded.core.answerCall().end(new CallAction(embedded.alice, call.id(), null)));
    }

    @Test
    void an_answered_call_ends_at_the_longest_a_call_may_last() {
        ChatFixture capped = ChatFixture.create(settings -> settings.withMaxCallDuration(Duration.ofMinutes(30)));
        Actor phone = capped.connect(capped.alice, "phone");
        Actor desk = capped.connect(capped.ada, "desk");
        ok(capped.core.openSession().open(phone));
        ok(capped.core.openSession().open(desk));
        ConversationId c = capped.open(capped.alice, capped.ada);
        Call call = ok(capped.core.requestCall().requestCall(new RequestCall(phone, c, null, CallMedia.VIDEO)));
        ok(capped.core.answerCall().accept(new CallAction(desk, call.id(), null)));

        capped.time.advance(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(capped.calls.find(call.id()).orElseThrow().state()).isEqualTo(CallState.ACTIVE);
        capped.time.advance(Duration.ofSeconds(1));

        assertThat(capped.inbox(phone).events(CallEnded.class)).containsExactly(
                new CallEnded(call.id(), CallOutcome.COMPLETED, "max_duration", Duration.ofMinutes(30)));
        assertThat(capped.calls.liveIn(c)).isEmpty();
    }

    @Test
    void the_call_record_moves_nobodys_read_cursor() {
        fx.send(fx.ada, conversation, "Your lab results are attached");
        fx.clearInboxes();
        Call call = ring(alicePhone, CallMedia.AUDIO);
        ok(fx.core.answerCall().accept(new CallAction(adaDesk, call.id(), null)));
        ok(fx.core.answerCall().end(new CallAction(adaDesk, call.id(), null)));

        Conversation after = fx.conversations.find(conversation).orElseThrow();
        assertThat(after.lastSeq()).isEqualTo(2);
        assertThat(after.stateOf(fx.alice.id()).readSeq()).as("alice never opened the results").isZero();
        assertThat(after.stateOf(fx.ada.id()).readSeq()).isEqualTo(1);
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).isEmpty();
        assertThat(fx.inbox(adaMobile).events(MessagesRead.class)).isEmpty();
        assertThat(fx.everything(fx.ada, conversation).get(0).status()).isEqualTo(MessageStatus.SENT);
    }

    private Call ring(Actor caller, CallMedia media) {
        return ok(fx.core.requestCall().requestCall(new RequestCall(caller, conversation, null, media)));
    }

    private List<Message> callMessages() {
        return fx.everything(fx.alice, conversation).stream().map(MessageView::message)
                .filter(message -> message.type() == MessageType.CALL).toList();
    }
}
