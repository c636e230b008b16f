package org.carechat.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final ConversationId ID = ConversationId.of("c_1");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");
    private static final UserId STRANGER = UserId.of("x1");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final Conversation empty = Conversation.direct(ID, PATIENT, DOCTOR, T0);

    private static Message message(long seq, UserId sender) {
        return new MessageDraft(MessageId.of("m" + seq), ID, sender, MessageType.TEXT, "hi", null, null, null, T0, null)
                .at(seq);
    }

    /** The doctor sent messages 1..count, one second apart. */
    private Conversation withDoctorMessages(int count) {
        Conversation conversation = empty;
        for (int seq = 1; seq <= count; seq++) {
            conversation = conversation.withMessage(seq, DOCTOR, T0.plusSeconds(seq));
        }
        return conversation;
    }

    @Test
    void a_person_writing_has_read_what_came_before_but_a_call_record_in_their_name_moves_nobodys_cursor() {
        Conversation twoFromDoctor = withDoctorMessages(2);
        Message reply = message(3, PATIENT);
        Message callRecord = new MessageDraft(MessageId.of("m4"), ID, PATIENT, MessageType.CALL, null, null, null, null,
                T0.plusSeconds(40), new CallSummary(CallId.of("call_1"), CallMedia.AUDIO, CallOutcome.MISSED, 0)).at(4);

        Conversation replied = twoFromDoctor.withMessage(reply);
        Conversation called = twoFromDoctor.withMessage(callRecord);

        assertThat(replied.stateOf(PATIENT).readSeq()).isEqualTo(3);
        assertThat(called.lastSeq()).isEqualTo(4);
        assertThat(called.updatedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(called.stateOf(PATIENT)).isEqualTo(twoFromDoctor.stateOf(PATIENT));
        assertThat(called.stateOf(DOCTOR)).isEqualTo(twoFromDoctor.stateOf(DOCTOR));
        assertThat(called.unreadCountFor(PATIENT)).isEqualTo(4);
        assertThat(called.unreadCountFor(DOCTOR)).isEqualTo(2);
    }

    @Test
    void a_new_direct_conversation_is_empty_and_nobody_has_seen_anything() {
        assertThat(empty.participants()).containsExactly(PATIENT, DOCTOR);
        assertThat(empty.lastSeq()).isZero();
        assertThat(empty.nextSeq()).isEqualTo(1);
        assertThat(empty.createdAt()).isEqualTo(T0);
        assertThat(empty.updatedAt()).isEqualTo(T0);
        assertThat(empty.stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
        assertThat(empty.stateOf(DOCTOR)).isEqualTo(ParticipantState.INITIAL);
        assertThat(empty.unreadCountFor(PATIENT)).isZero();
    }

    @Test
    void a_conversation_needs_at_least_two_participants() {
        assertThatThrownBy(() -> new Conversation(ID, List.of(PATIENT), Map.of(), 0, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Conversation(ID, List.of(), Map.of(), 0, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_conversation_needs_distinct_participants() {
        assertThatThrownBy(() -> Conversation.direct(ID, PATIENT, PATIENT, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Conversation(ID, List.of(PATIENT, DOCTOR, PATIENT), Map.of(), 0, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_conversation_holds_no_state_for_a_non_participant() {
        assertThatThrownBy(() -> new Conversation(ID, List.of(PATIENT, DOCTOR),
                Map.of(STRANGER, ParticipantState.INITIAL), 0, T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_conversation_may_have_more_than_two_participants() {
        Conversation group = new Conversation(ID, List.of(PATIENT, DOCTOR, NURSE), Map.of(), 0, T0, T0);

        assertThat(group.isParticipant(NURSE)).isTrue();
        assertThat(group.othersThan(PATIENT)).containsExactly(DOCTOR, NURSE);
    }

    @Test
    void last_seq_is_never_negative() {
        assertThatThrownBy(() -> new Conversation(ID, List.of(PATIENT, DOCTOR), Map.of(), -1, T0, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void participants_and_states_cannot_be_changed_from_outside() {
        assertThatThrownBy(() -> empty.participants().add(STRANGER)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> empty.states().put(STRANGER, ParticipantState.INITIAL))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void state_of_a_non_participant_is_refused() {
        assertThat(empty.isParticipant(STRANGER)).isFalse();
        assertThatThrownBy(() -> empty.stateOf(STRANGER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.unreadCountFor(STRANGER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.readUpTo(STRANGER, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.mutedBy(STRANGER, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_new_message_moves_last_seq_and_updated_at() {
        Instant at = T0.plusSeconds(30);

        Conversation next = empty.withMessage(1, DOCTOR, at);

        assertThat(next.lastSeq()).isEqualTo(1);
        assertThat(next.nextSeq()).isEqualTo(2);
        assertThat(next.updatedAt()).isEqualTo(at);
        assertThat(next.createdAt()).isEqualTo(T0);
    }

    @Test
    void the_sender_has_read_and_received_their_own_message() {
        Conversation next = empty.withMessage(1, DOCTOR, T0.plusSeconds(1));

        assertThat(next.stateOf(DOCTOR).readSeq()).isEqualTo(1);
        assertThat(next.stateOf(DOCTOR).deliveredSeq()).isEqualTo(1);
        assertThat(next.stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
    }

    @Test
    void a_late_message_never_moves_last_seq_or_updated_at_backwards() {
        Conversation atThree = withDoctorMessages(3);

        Conversation late = atThree.withMessage(2, PATIENT, T0);

        assertThat(late.lastSeq()).isEqualTo(3);
        assertThat(late.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(late.stateOf(PATIENT).readSeq()).isEqualTo(2);
    }

    @Test
    void a_late_message_never_moves_the_senders_read_cursor_backwards() {
        Conversation atThree = withDoctorMessages(3);

        assertThat(atThree.withMessage(1, DOCTOR, T0.plusSeconds(10)).stateOf(DOCTOR).readSeq()).isEqualTo(3);
    }

    @Test
    void unread_count_is_what_came_after_the_read_cursor() {
        Conversation conversation = withDoctorMessages(3);

        assertThat(conversation.unreadCountFor(PATIENT)).isEqualTo(3);
        assertThat(conversation.readUpTo(PATIENT, 2).unreadCountFor(PATIENT)).isEqualTo(1);
        assertThat(conversation.readUpTo(PATIENT, 3).unreadCountFor(PATIENT)).isZero();
    }

    @Test
    void a_senders_own_messages_never_count_as_unread_for_them() {
        assertThat(withDoctorMessages(3).unreadCountFor(DOCTOR)).isZero();
    }

    @Test
    void replying_marks_everything_before_the_reply_as_read_for_the_replier() {
        Conversation replied = withDoctorMessages(2).withMessage(3, PATIENT, T0.plusSeconds(10));

        assertThat(replied.unreadCountFor(PATIENT)).isZero();
        assertThat(replied.unreadCountFor(DOCTOR)).isEqualTo(1);
    }

    @Test
    void delivered_cursor_is_capped_at_the_last_message() {
        Conversation conversation = withDoctorMessages(3).deliveredUpTo(PATIENT, 99);

        assertThat(conversation.stateOf(PATIENT).deliveredSeq()).isEqualTo(3);
    }

    @Test
    void read_cursor_is_capped_at_the_last_message() {
        Conversation conversation = withDoctorMessages(3).readUpTo(PATIENT, Long.MAX_VALUE);

        assertThat(conversation.stateOf(PATIENT).readSeq()).isEqualTo(3);
        assertThat(conversation.stateOf(PATIENT).deliveredSeq()).isEqualTo(3);
    }

    @Test
    void nobody_receives_or_reads_anything_in_an_empty_conversation() {
        Conversation conversation = empty.deliveredUpTo(PATIENT, 5).readUpTo(PATIENT, 5);

        assertThat(conversation.stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
    }

    @Test
    void conversation_cursors_never_move_backwards() {
        Conversation conversation = withDoctorMessages(5).deliveredUpTo(PATIENT, 4).readUpTo(PATIENT, 3);

        Conversation back = conversation.deliveredUpTo(PATIENT, 1).readUpTo(PATIENT, 1);

        assertThat(back.stateOf(PATIENT)).isEqualTo(new ParticipantState(4, 3, false, false));
    }

    @Test
    void reading_in_the_conversation_implies_delivery() {
        Conversation conversation = withDoctorMessages(5).readUpTo(PATIENT, 4);

        assertThat(conversation.stateOf(PATIENT).deliveredSeq()).isEqualTo(4);
    }

    @Test
    void negative_cursor_moves_change_nothing() {
        Conversation conversation = withDoctorMessages(2);

        assertThat(conversation.deliveredUpTo(PATIENT, -5).stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
        assertThat(conversation.readUpTo(PATIENT, -5).stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
    }

    @Test
    void cursor_moves_and_flags_do_not_change_last_seq_or_updated_at() {
        Conversation conversation = withDoctorMessages(2);

        Conversation touched = conversation.deliveredUpTo(PATIENT, 2).readUpTo(PATIENT, 2)
                .mutedBy(PATIENT, true).pinnedBy(PATIENT, true);

        assertThat(touched.lastSeq()).isEqualTo(2);
        assertThat(touched.updatedAt()).isEqualTo(conversation.updatedAt());
    }

    @Test
    void status_of_a_message_is_sent_until_the_other_participant_receives_it() {
        Conversation conversation = withDoctorMessages(1);

        assertThat(conversation.statusOf(message(1, DOCTOR))).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void status_of_a_message_is_delivered_once_the_other_participant_received_it() {
        Conversation conversation = withDoctorMessages(2).deliveredUpTo(PATIENT, 2);

        assertThat(conversation.statusOf(message(1, DOCTOR))).isEqualTo(MessageStatus.DELIVERED);
        assertThat(conversation.statusOf(message(2, DOCTOR))).isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void status_of_a_message_is_read_once_the_other_participant_read_it() {
        Conversation conversation = withDoctorMessages(3).deliveredUpTo(PATIENT, 2).readUpTo(PATIENT, 1);

        assertThat(conversation.statusOf(message(1, DOCTOR))).isEqualTo(MessageStatus.READ);
        assertThat(conversation.statusOf(message(2, DOCTOR))).isEqualTo(MessageStatus.DELIVERED);
        assertThat(conversation.statusOf(message(3, DOCTOR))).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void status_ignores_the_senders_own_cursors() {
        Conversation conversation = withDoctorMessages(1);

        assertThat(conversation.stateOf(DOCTOR).readSeq()).isEqualTo(1);
        assertThat(conversation.statusOf(message(1, DOCTOR))).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void status_in_a_group_is_that_of_the_least_advanced_other_participant() {
        Conversation group = new Conversation(ID, List.of(PATIENT, DOCTOR, NURSE), Map.of(), 0, T0, T0)
                .withMessage(1, PATIENT, T0.plusSeconds(1));
        Message first = message(1, PATIENT);

        Conversation doctorRead = group.readUpTo(DOCTOR, 1);
        Conversation nurseReceived = doctorRead.deliveredUpTo(NURSE, 1);
        Conversation bothRead = nurseReceived.readUpTo(NURSE, 1);

        assertThat(doctorRead.statusOf(first)).isEqualTo(MessageStatus.SENT);
        assertThat(nurseReceived.statusOf(first)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(bothRead.statusOf(first)).isEqualTo(MessageStatus.READ);
    }

    @Test
    void direct_key_does_not_depend_on_who_started_the_conversation() {
        Conversation reversed = Conversation.direct(ID, DOCTOR, PATIENT, T0);

        assertThat(Conversation.directKey(PATIENT, DOCTOR)).isEqualTo(Conversation.directKey(DOCTOR, PATIENT));
        assertThat(empty.directKey()).isEqualTo(reversed.directKey());
        assertThat(empty.directKey()).isEqualTo("d1|p1");
    }

    @Test
    void direct_keys_of_different_pairs_differ() {
        assertThat(Conversation.directKey(PATIENT, DOCTOR)).isNotEqualTo(Conversation.directKey(PATIENT, NURSE));
        assertThat(Conversation.directKey(UserId.of("a"), UserId.of("b:c")))
                .isNotEqualTo(Conversation.directKey(UserId.of("a:b"), UserId.of("c")));
    }

    @Test
    void muting_is_per_participant() {
        Conversation muted = empty.mutedBy(PATIENT, true);

        assertThat(muted.stateOf(PATIENT).muted()).isTrue();
        assertThat(muted.stateOf(DOCTOR).muted()).isFalse();
        assertThat(muted.mutedBy(PATIENT, false).stateOf(PATIENT).muted()).isFalse();
    }

    @Test
    void pinning_is_per_participant() {
        Conversation pinned = empty.pinnedBy(DOCTOR, true);

        assertThat(pinned.stateOf(DOCTOR).pinned()).isTrue();
        assertThat(pinned.stateOf(PATIENT).pinned()).isFalse();
        assertThat(pinned.pinnedBy(DOCTOR, false).stateOf(DOCTOR).pinned()).isFalse();
    }

    @Test
    void others_than_a_participant_are_everyone_else() {
        assertThat(empty.othersThan(PATIENT)).containsExactly(DOCTOR);
        assertThat(empty.othersThan(STRANGER)).containsExactly(PATIENT, DOCTOR);
    }

    @Test
    void changes_leave_the_original_conversation_untouched() {
        Conversation next = empty.withMessage(1, DOCTOR, T0.plusSeconds(1)).readUpTo(PATIENT, 1).mutedBy(PATIENT, true);

        assertThat(next).isNotEqualTo(empty);
        assertThat(empty.lastSeq()).isZero();
        assertThat(empty.stateOf(PATIENT)).isEqualTo(ParticipantState.INITIAL);
        assertThat(empty.stateOf(DOCTOR)).isEqualTo(ParticipantState.INITIAL);
    }
}
