package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.conversation.UnreadCountUseCase.UnreadCounts;
import org.carechat.application.messaging.MarkDeliveredUseCase.MarkDelivered;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.event.ChatEvent.ConversationUpdated;
import org.carechat.domain.event.ChatEvent.MessagesDelivered;
import org.carechat.domain.event.ChatEvent.MessagesRead;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageView;
import org.junit.jupiter.api.Test;

/** Delivery and read cursors: forward only, capped, read implies delivered, told only when they move. */
final class ReceiptsTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");

    @Test
    void reading_implies_delivery() {
        sendFromAda(3);

        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 2L)));

        assertThat(alicesCursors()).isEqualTo(new ParticipantState(2, 2, false, false));
        assertThat(statusesAsAdaSeesThem()).containsExactly(MessageStatus.READ, MessageStatus.READ, MessageStatus.SENT);
    }

    @Test
    void receipts_never_move_a_cursor_backwards() {
        sendFromAda(6);

        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 5L)));
        ParticipantState afterDelivered = ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 3)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 2L)));

        assertThat(afterDelivered).isEqualTo(new ParticipantState(5, 5, false, false));
        assertThat(alicesCursors()).isEqualTo(new ParticipantState(5, 5, false, false));
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).extracting(MessagesRead::upToSeq).containsExactly(5L);
        assertThat(fx.inbox(adaDesk).events(MessagesDelivered.class)).isEmpty();
        assertThat(statusesAsAdaSeesThem()).containsExactly(MessageStatus.READ, MessageStatus.READ, MessageStatus.READ,
                MessageStatus.READ, MessageStatus.READ, MessageStatus.SENT);
    }

    @Test
    void cursor_moves_are_capped_at_the_last_seq() {
        sendFromAda(3);

        ParticipantState delivered = ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 10)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 99L)));

        assertThat(delivered.deliveredSeq()).isEqualTo(3);
        assertThat(alicesCursors()).isEqualTo(new ParticipantState(3, 3, false, false));
        assertThat(fx.inbox(adaDesk).events(MessagesDelivered.class)).extracting(MessagesDelivered::upToSeq).containsExactly(3L);
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).extracting(MessagesRead::upToSeq).containsExactly(3L);

        sendFromAda(1);

        assertThat(unread(fx.alice).byConversation()).containsEntry(conversation, 1L);
        assertThat(statusesAsAdaSeesThem()).endsWith(MessageStatus.READ, MessageStatus.SENT);
    }

    @Test
    void the_sender_hears_of_a_receipt_only_when_a_cursor_moved() {
        sendFromAda(4);

        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 2)));
        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(aliceLaptop, conversation, 2)));
        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(aliceLaptop, conversation, 1)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 1L)));
        ok(fx.core.markRead().markRead(new MarkRead(aliceLaptop, conversation, 1L)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, null)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, null)));

        var delivered = fx.inbox(adaDesk).events(MessagesDelivered.class);
        var read = fx.inbox(adaDesk).events(MessagesRead.class);
        assertThat(delivered).extracting(MessagesDelivered::upToSeq).containsExactly(2L);
        assertThat(delivered).extracting(MessagesDelivered::userId).containsOnly(fx.alice.id());
        assertThat(read).extracting(MessagesRead::upToSeq).containsExactly(1L, 4L);
        assertThat(read).extracting(MessagesRead::conversationId).containsOnly(conversation);
        assertThat(fx.inbox(alicePhone).events(MessagesRead.class)).isEmpty();
        assertThat(fx.inbox(alicePhone).events(MessagesDelivered.class)).isEmpty();
    }

    @Test
    void two_devices_reading_at_the_same_moment_tell_the_sender_once() {
        sendFromAda(5);
        fx.changes.beforeNextCommit(() -> ok(fx.core.markRead().markRead(new MarkRead(aliceLaptop, conversation, 5L))));

        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 5L)));

        assertThat(alicesCursors().readSeq()).isEqualTo(5);
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).extracting(MessagesRead::upToSeq).containsExactly(5L);
        assertThat(fx.inbox(alicePhone).events(ConversationUpdated.class)).hasSize(1);
        assertThat(fx.inbox(aliceLaptop).events(ConversationUpdated.class)).isEmpty();
    }

    @Test
    void two_devices_receiving_at_the_same_moment_tell_the_sender_once() {
        sendFromAda(5);
        fx.changes.beforeNextCommit(() -> ok(fx.core.markDelivered().markDelivered(
                new MarkDelivered(aliceLaptop, conversation, 4))));

        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 4)));

        assertThat(fx.inbox(adaDesk).events(MessagesDelivered.class)).extracting(MessagesDelivered::upToSeq)
                .containsExactly(4L);
    }

    @Test
    void a_read_updates_the_readers_other_sessions_but_not_the_one_that_read() {
        sendFromAda(3);

        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 3L)));

        assertThat(fx.inbox(alicePhone).events(ConversationUpdated.class)).isEmpty();
        var updates = fx.inbox(aliceLaptop).events(ConversationUpdated.class);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).conversation().unreadCount()).isZero();
        assertThat(fx.inbox(adaDesk).events(ConversationUpdated.class)).isEmpty();

        ok(fx.core.markRead().markRead(new MarkRead(aliceLaptop, conversation, 3L)));

        assertThat(fx.inbox(alicePhone).events(ConversationUpdated.class)).as("nothing moved, nothing told").isEmpty();
    }

    @Test
    void sending_moves_the_senders_own_read_cursor() {
        sendFromAda(3);
        assertThat(unread(fx.alice).total()).isEqualTo(3);

        var reply = fx.send(alicePhone, conversation, "Thanks, I read all of it");

        assertThat(reply.seq()).isEqualTo(4);
        assertThat(alicesCursors().readSeq()).isEqualTo(4);
        assertThat(alicesCursors().deliveredSeq()).isEqualTo(4);
        assertThat(unread(fx.alice).total()).isZero();
        assertThat(unread(fx.ada).byConversation()).containsEntry(conversation, 1L);
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).extracting(MessagesRead::upToSeq).containsExactly(4L);
        // Ada's three are read by Alice's reply; Alice's reply is not yet on any device of Ada's
        assertThat(statusesAsAdaSeesThem()).containsExactly(MessageStatus.READ, MessageStatus.READ, MessageStatus.READ,
                MessageStatus.SENT);
    }

    @Test
    void a_send_tells_messages_read_only_when_it_reads_someone_elses_message() {
        fx.send(alicePhone, conversation, "First, with nothing before it");
        fx.send(alicePhone, conversation, "Second, after my own");
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).as("nothing of Ada's was read").isEmpty();

        sendFromAda(2);
        fx.send(alicePhone, conversation, "Third, after two of Ada's");
        fx.send(alicePhone, conversation, "Fourth, right after my third");

        assertThat(fx.inbox(adaDesk).events(MessagesRead.class)).extracting(MessagesRead::upToSeq)
                .as("the third reads Ada's two; the fourth reads nothing new").containsExactly(5L);
    }

    @Test
    void unread_counts_leave_muted_conversations_out_of_the_total() {
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        sendFromAda(2);
        for (int i = 0; i < 3; i++) {
            fx.send(fx.nora, withNora, "Reminder " + i);
        }
        assertThat(unread(fx.alice)).isEqualTo(new UnreadCounts(5, Map.of(conversation, 2L, withNora, 3L)));

        ok(fx.core.setMuted().setMuted(new SetMuted(fx.alice, withNora, true)));

        assertThat(unread(fx.alice)).isEqualTo(new UnreadCounts(2, Map.of(conversation, 2L, withNora, 3L)));
        assertThat(unread(fx.nora)).isEqualTo(new UnreadCounts(0, Map.of()));

        ok(fx.core.markRead().markRead(new MarkRead(fx.alice, conversation, 1L)));

        assertThat(unread(fx.alice)).isEqualTo(new UnreadCounts(1, Map.of(conversation, 1L, withNora, 3L)));
        ConversationView view = ok(fx.core.getConversation().get(new GetConversation(fx.alice, conversation)));
        assertThat(view.unreadCount()).isEqualTo(1);
    }

    @Test
    void a_message_status_goes_from_sent_to_delivered_to_read_as_the_recipient_moves_on() {
        sendFromAda(1);
        assertThat(lastMessageAsAdaSeesIt().status()).isEqualTo(MessageStatus.SENT);

        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 1)));
        assertThat(lastMessageAsAdaSeesIt().status()).isEqualTo(MessageStatus.DELIVERED);

        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 1L)));
        assertThat(lastMessageAsAdaSeesIt().status()).isEqualTo(MessageStatus.READ);

        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 1)));
        assertThat(lastMessageAsAdaSeesIt().status()).isEqualTo(MessageStatus.READ);
    }

    @Test
    void receipts_carry_the_time_of_the_clock() {
        sendFromAda(2);
        fx.time.advance(Duration.ofMinutes(3));

        ok(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, 1)));
        ok(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, 2L)));

        assertThat(fx.inbox(adaDesk).events(MessagesDelivered.class).get(0).at()).isEqualTo(fx.time.instant());
        assertThat(fx.inbox(adaDesk).events(MessagesRead.class).get(0).at()).isEqualTo(fx.time.instant());
    }

    @Test
    void a_negative_seq_is_invalid() {
        assertThat(failure(fx.core.markDelivered().markDelivered(new MarkDelivered(alicePhone, conversation, -1))).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.markRead().markRead(new MarkRead(alicePhone, conversation, -1L))).kind())
                .isEqualTo(FailureKind.INVALID);
    }

    private void sendFromAda(int count) {
        for (int i = 0; i < count; i++) {
            fx.send(fx.ada, conversation, "Result " + i);
        }
    }

    private ParticipantState alicesCursors() {
        return fx.conversations.find(conversation).orElseThrow().stateOf(fx.alice.id());
    }

    private List<MessageStatus> statusesAsAdaSeesThem() {
        return fx.everything(fx.ada, conversation).stream().map(MessageView::status).toList();
    }

    private MessageView lastMessageAsAdaSeesIt() {
        return ok(fx.core.getConversation().get(new GetConversation(fx.ada, conversation))).lastMessage();
    }

    private UnreadCounts unread(Actor actor) {
        return ok(fx.core.unreadCount().count(actor));
    }
}
