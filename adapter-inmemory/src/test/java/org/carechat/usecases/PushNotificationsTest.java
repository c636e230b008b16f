package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.ok;

import org.carechat.application.Actor;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;

/** The push port hears of a new message for each other participant with no open session, as ids only. */
final class PushNotificationsTest {
    private final ChatFixture fx = ChatFixture.create();

    /** The push runs as a task of the core's timers, off the sender's thread: let it run. */
    private java.util.List<PushNotice> pushed() {
        fx.time.advance(java.time.Duration.ZERO);
        return fx.pushed;
    }

    @Test
    void an_offline_recipient_is_pushed_the_ids_of_the_message_and_an_online_one_is_not() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);

        Message first = fx.send(fx.alice, conversation, "results are in?");

        assertThat(pushed()).containsExactly(new PushNotice(fx.ada.id(), conversation, first.id(), "routine", first.createdAt()));

        Actor adaDesk = fx.connect(fx.ada, "desk");
        ok(fx.core.openSession().open(adaDesk));
        fx.send(fx.alice, conversation, "hello?");
        assertThat(pushed()).as("Ada is online now").hasSize(1);

        ok(fx.core.closeSession().close(adaDesk));
        Message third = fx.send(fx.alice, conversation, "never mind");
        assertThat(pushed()).hasSize(2).last().satisfies(notice -> assertThat(notice.messageId()).isEqualTo(third.id()));
    }

    @Test
    void the_sender_is_never_pushed_nor_someone_who_muted_the_conversation() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        ok(fx.core.setMuted().setMuted(new SetMuted(fx.ada, conversation, true)));

        fx.send(fx.alice, conversation, "quiet please");
        assertThat(pushed()).as("Ada muted it").isEmpty();

        Message answer = fx.send(fx.ada, conversation, "noted");
        assertThat(pushed()).extracting(PushNotice::recipientId).containsExactly(fx.alice.id());
        assertThat(pushed().get(0).messageId()).isEqualTo(answer.id());
    }

    @Test
    void a_refused_send_pushes_nothing() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);

        assertThat(fx.trySend(fx.alice, conversation, "   ").isOk()).isFalse();
        assertThat(fx.trySend(fx.bob, conversation, "not mine").isOk()).isFalse();

        assertThat(pushed()).isEmpty();
    }
}
