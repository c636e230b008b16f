package org.carechat.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carechat.domain.message.MessageStatus;
import org.junit.jupiter.api.Test;

class ParticipantStateTest {

    @Test
    void a_newcomer_has_received_and_read_nothing_and_has_no_flags() {
        assertThat(ParticipantState.INITIAL).isEqualTo(new ParticipantState(0, 0, false, false));
    }

    @Test
    void delivered_cursor_moves_forward() {
        assertThat(ParticipantState.INITIAL.deliveredUpTo(5).deliveredSeq()).isEqualTo(5);
    }

    @Test
    void delivered_cursor_never_moves_backwards() {
        ParticipantState state = new ParticipantState(7, 3, false, false);

        assertThat(state.deliveredUpTo(4)).isSameAs(state);
        assertThat(state.deliveredUpTo(7)).isSameAs(state);
    }

    @Test
    void delivery_does_not_touch_the_read_cursor() {
        assertThat(new ParticipantState(2, 2, false, false).deliveredUpTo(9).readSeq()).isEqualTo(2);
    }

    @Test
    void read_cursor_never_moves_backwards() {
        ParticipantState state = new ParticipantState(7, 5, true, true);

        assertThat(state.readUpTo(3)).isSameAs(state);
        assertThat(state.readUpTo(5)).isSameAs(state);
    }

    @Test
    void reading_implies_delivery() {
        ParticipantState state = ParticipantState.INITIAL.readUpTo(4);

        assertThat(state.readSeq()).isEqualTo(4);
        assertThat(state.deliveredSeq()).isEqualTo(4);
    }

    @Test
    void reading_less_than_delivered_keeps_the_delivered_cursor() {
        ParticipantState state = new ParticipantState(9, 1, false, false).readUpTo(4);

        assertThat(state.readSeq()).isEqualTo(4);
        assertThat(state.deliveredSeq()).isEqualTo(9);
    }

    @Test
    void cursor_moves_keep_the_flags() {
        ParticipantState state = new ParticipantState(0, 0, true, true).deliveredUpTo(3).readUpTo(2);

        assertThat(state.muted()).isTrue();
        assertThat(state.pinned()).isTrue();
    }

    @Test
    void muting_and_pinning_keep_the_cursors() {
        ParticipantState state = new ParticipantState(6, 4, false, false).withMuted(true).withPinned(true);

        assertThat(state).isEqualTo(new ParticipantState(6, 4, true, true));
        assertThat(state.withMuted(false).withPinned(false)).isEqualTo(new ParticipantState(6, 4, false, false));
    }

    @Test
    void read_beyond_delivered_is_refused_as_an_impossible_state() {
        assertThatThrownBy(() -> new ParticipantState(2, 3, false, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negative_cursors_are_refused() {
        assertThatThrownBy(() -> new ParticipantState(-1, 0, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParticipantState(0, -1, false, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void status_of_a_message_follows_the_cursors() {
        ParticipantState state = new ParticipantState(5, 3, false, false);

        assertThat(state.statusOf(2)).isEqualTo(MessageStatus.READ);
        assertThat(state.statusOf(3)).isEqualTo(MessageStatus.READ);
        assertThat(state.statusOf(4)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(state.statusOf(5)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(state.statusOf(6)).isEqualTo(MessageStatus.SENT);
    }
}
