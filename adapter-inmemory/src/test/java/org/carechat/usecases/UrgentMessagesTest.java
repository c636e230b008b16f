package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.application.messaging.AcknowledgeMessageUseCase.AcknowledgeMessage;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;

/** Urgent messages: sent as such, acknowledged by their recipients, a notice for patients who send one. */
final class UrgentMessagesTest {
    private final ChatFixture fx = ChatFixture.create();

    private Sent sendUrgent(Actor from, ConversationId conversation, String text) {
        return ok(fx.core.sendMessage().send(new SendMessage(from, conversation, null, MessageType.TEXT, text, null, null,
                null, MessagePriority.URGENT)));
    }

    @Test
    void a_patient_sending_urgent_is_told_it_is_no_emergency_service_and_a_clinician_is_not() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);

        Sent fromAlice = sendUrgent(fx.alice, conversation, "I cannot breathe well");
        Sent fromAda = sendUrgent(fx.ada, conversation, "Call 112 now, I am calling you");
        Sent routine = ok(fx.trySend(fx.alice, conversation, "thanks"));

        assertThat(fromAlice.message().message().priority()).isEqualTo(MessagePriority.URGENT);
        assertThat(fromAlice.notice()).isEqualTo(MessageRules.DEFAULT_URGENT_NOTICE);
        assertThat(fromAda.notice()).isNull();
        assertThat(routine.notice()).isNull();
        assertThat(routine.message().message().priority()).isEqualTo(MessagePriority.ROUTINE);
        fx.time.advance(Duration.ZERO);
        assertThat(fx.pushed).extracting(notice -> notice.priority()).containsExactly("urgent", "urgent", "routine");
    }

    @Test
    void a_deployment_words_the_notice_itself() {
        ChatFixture own = ChatFixture.create(settings -> settings.withMessageRules(new MessageRules(
                MessageRules.DEFAULT_MAX_TEXT_LENGTH, MessageRules.DEFAULT_EDIT_WINDOW, "Not monitored at night: call 15.")));
        ConversationId conversation = own.open(own.alice, own.ada);

        Sent sent = ok(own.core.sendMessage().send(new SendMessage(own.alice, conversation, null, null, "help", null, null,
                null, MessagePriority.URGENT)));

        assertThat(sent.notice()).isEqualTo("Not monitored at night: call 15.");
    }

    @Test
    void the_recipient_acknowledges_once_and_everyone_learns_who_and_when() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Actor alicePhone = fx.connect(fx.alice, "phone");
        Message urgent = sendUrgent(fx.alice, conversation, "my insulin pump alarms").message().message();
        fx.time.advance(Duration.ofSeconds(40));

        Message acknowledged = ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, urgent.id())))
                .message();
        Message again = ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, urgent.id()))).message();

        assertThat(acknowledged.acknowledgements()).isEqualTo(Map.of(fx.ada.id(), fx.time.instant()));
        assertThat(again).isEqualTo(acknowledged);
        assertThat(fx.inbox(alicePhone).events(ChatEvent.MessageAcknowledged.class)).containsExactly(
                new ChatEvent.MessageAcknowledged(conversation, urgent.id(), fx.ada.id(), fx.time.instant()));
        assertThat(fx.everything(fx.alice, conversation).get(0).message().acknowledgements()).containsKey(fx.ada.id());
        assertThat(fx.auditOf(AuditAction.MESSAGE_ACKNOWLEDGE)).hasSize(2).allSatisfy(entry ->
                assertThat(entry.targets()).contains("message:" + urgent.id().value(), "conversation:" + conversation.value()));
    }

    @Test
    void an_edit_asks_for_a_new_acknowledgement_and_a_tombstone_keeps_none() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message urgent = sendUrgent(fx.alice, conversation, "pain 8 of 10").message().message();
        ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, urgent.id())));

        Message edited = ok(fx.core.editMessage().edit(new org.carechat.application.messaging.EditMessageUseCase.EditMessage(
                fx.alice, urgent.id(), "pain 9 of 10"))).message();
        assertThat(edited.acknowledgements()).as("Ada acknowledged the old text").isEmpty();
        assertThat(edited.priority()).isEqualTo(MessagePriority.URGENT);

        ok(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, urgent.id())));
        Message deleted = ok(fx.core.deleteMessage().delete(new org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage(
                fx.alice, urgent.id()))).message();
        assertThat(deleted.acknowledgements()).isEmpty();
    }

    @Test
    void the_sender_a_routine_message_a_deleted_one_and_someone_outside_are_refused() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message urgent = sendUrgent(fx.alice, conversation, "urgent").message().message();
        Message routine = fx.send(fx.alice, conversation, "routine");

        assertThat(failure(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.alice, urgent.id()))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, routine.id()))).kind())
                .isEqualTo(FailureKind.CONFLICT);
        assertThat(failure(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ben, urgent.id()))).kind())
                .isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failure(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.admin, urgent.id()))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        ok(fx.core.deleteMessage().delete(new org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage(
                fx.alice, urgent.id())));
        assertThat(failure(fx.core.acknowledgeMessage().acknowledge(new AcknowledgeMessage(fx.ada, urgent.id()))).kind())
                .isEqualTo(FailureKind.CONFLICT);
    }
}
