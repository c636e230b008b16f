package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent.MessageDeleted;
import org.carechat.domain.event.ChatEvent.MessageEdited;
import org.carechat.domain.event.ChatEvent.ReactionsUpdated;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageRules;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Edits within the window by the sender, tombstones, reactions, and replies within the conversation. */
final class MessageChangesTest {
    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor alicePhone = fx.connect(fx.alice, "phone");
    private final Actor aliceLaptop = fx.connect(fx.alice, "laptop");
    private final Actor adaDesk = fx.connect(fx.ada, "desk");

    @Test
    void the_sender_edits_within_the_window_and_every_other_session_hears_of_it() {
        Message original = fx.send(alicePhone, conversation, "I take 5 mg");
        fx.time.advance(Duration.ofMinutes(15));

        MessageView edited = ok(fx.core.editMessage().edit(new EditMessage(alicePhone, original.id(), "  I take 50 mg ")));

        assertThat(edited.message().content()).isEqualTo("I take 50 mg");
        assertThat(edited.message().editedAt()).isEqualTo(fx.time.instant());
        assertThat(edited.message().seq()).isEqualTo(original.seq());
        assertThat(edited.message().createdAt()).isEqualTo(original.createdAt());
        assertThat(fx.messages.find(original.id()).orElseThrow().content()).isEqualTo("I take 50 mg");
        for (Actor session : List.of(aliceLaptop, adaDesk)) {
            assertThat(fx.inbox(session).events(MessageEdited.class)).extracting(e -> e.message().message())
                    .containsExactly(edited.message());
        }
        assertThat(fx.inbox(alicePhone).events(MessageEdited.class)).isEmpty();
    }

    @Test
    void an_edit_after_the_window_is_refused() {
        Message original = fx.send(fx.alice, conversation, "I take 5 mg");
        fx.time.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(failure(fx.core.editMessage().edit(new EditMessage(fx.alice, original.id(), "I take 50 mg"))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.messages.find(original.id()).orElseThrow()).isEqualTo(original);
        assertThat(fx.inbox(adaDesk).events(MessageEdited.class)).isEmpty();
    }

    @Test
    void the_edit_window_comes_from_the_settings() {
        ChatFixture strict = ChatFixture.create(settings -> settings.withMessageRules(
                new MessageRules(MessageRules.DEFAULT_MAX_TEXT_LENGTH, Duration.ofMinutes(1))));
        ConversationId withAda = strict.open(strict.alice, strict.ada);
        Message original = strict.send(strict.alice, withAda, "Typo");
        strict.time.advance(Duration.ofSeconds(61));

        assertThat(failure(strict.core.editMessage().edit(new EditMessage(strict.alice, original.id(), "Fixed"))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void only_the_sender_edits_or_deletes_a_message() {
        Message alices = fx.send(fx.alice, conversation, "My own words");

        assertThat(failure(fx.core.editMessage().edit(new EditMessage(fx.ada, alices.id(), "Not yours"))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.deleteMessage().delete(new DeleteMessage(fx.ada, alices.id()))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.messages.find(alices.id()).orElseThrow()).isEqualTo(alices);
    }

    @Test
    void an_edit_to_blank_text_is_invalid() {
        Message alices = fx.send(fx.alice, conversation, "Something");

        assertThat(failure(fx.core.editMessage().edit(new EditMessage(fx.alice, alices.id(), "   "))).kind())
                .isEqualTo(FailureKind.INVALID);
    }

    @Test
    void a_deleted_message_is_a_tombstone_that_keeps_its_id_and_seq() {
        fx.send(fx.ada, conversation, "Before");
        Message alices = fx.send(fx.alice, conversation, "Wrong conversation, sorry");
        ok(fx.core.addReaction().addReaction(new AddReaction(fx.ada, alices.id(), "👍")));
        fx.clearInboxes();

        MessageView deleted = ok(fx.core.deleteMessage().delete(new DeleteMessage(alicePhone, alices.id())));
        Message after = fx.send(fx.ada, conversation, "After");

        assertThat(deleted.message().deleted()).isTrue();
        assertThat(deleted.message().content()).isNull();
        assertThat(deleted.message().attachment()).isNull();
        assertThat(deleted.message().reactions().isEmpty()).isTrue();
        assertThat(deleted.message().id()).isEqualTo(alices.id());
        assertThat(deleted.message().seq()).isEqualTo(2);
        assertThat(after.seq()).isEqualTo(3);
        assertThat(fx.everything(fx.ada, conversation)).extracting(view -> view.message().seq()).containsExactly(1L, 2L, 3L);
        assertThat(fx.everything(fx.ada, conversation).get(1).message().deleted()).isTrue();
        for (Actor session : List.of(aliceLaptop, adaDesk)) {
            assertThat(fx.inbox(session).events(MessageDeleted.class)).containsExactly(new MessageDeleted(conversation, alices.id()));
        }
        assertThat(fx.inbox(alicePhone).events(MessageDeleted.class)).isEmpty();
    }

    @Test
    void a_deleted_message_can_be_neither_edited_nor_reacted_to_and_deleting_it_again_tells_nobody() {
        Message alices = fx.send(fx.alice, conversation, "Oops");
        ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, alices.id())));
        fx.clearInboxes();

        assertThat(failure(fx.core.editMessage().edit(new EditMessage(fx.alice, alices.id(), "Again"))).kind())
                .isEqualTo(FailureKind.CONFLICT);
        assertThat(failure(fx.core.addReaction().addReaction(new AddReaction(fx.ada, alices.id(), "👍"))).kind())
                .isEqualTo(FailureKind.CONFLICT);
        assertThat(ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, alices.id()))).message().deleted()).isTrue();
        assertThat(fx.inbox(adaDesk).events()).isEmpty();
    }

    @Test
    void reactions_are_added_and_removed_and_everyone_else_hears_of_it() {
        Message adas = fx.send(fx.ada, conversation, "Your results are fine");

        ok(fx.core.addReaction().addReaction(new AddReaction(alicePhone, adas.id(), "👍")));
        MessageView both = ok(fx.core.addReaction().addReaction(new AddReaction(adaDesk, adas.id(), "👍")));
        MessageView hearts = ok(fx.core.addReaction().addReaction(new AddReaction(alicePhone, adas.id(), "❤️")));

        assertThat(both.message().reactions().byEmoji()).containsExactly(
                Map.entry("👍", List.of(fx.alice.id(), fx.ada.id())));
        assertThat(hearts.message().reactions().byEmoji()).containsOnlyKeys("👍", "❤️");

        MessageView removed = ok(fx.core.removeReaction().removeReaction(new RemoveReaction(alicePhone, adas.id(), "👍")));
        ok(fx.core.removeReaction().removeReaction(new RemoveReaction(alicePhone, adas.id(), "👍")));
        ok(fx.core.addReaction().addReaction(new AddReaction(alicePhone, adas.id(), "❤️")));

        assertThat(removed.message().reactions().byEmoji()).containsEntry("👍", List.of(fx.ada.id()))
                .containsEntry("❤️", List.of(fx.alice.id()));
        assertThat(fx.messages.find(adas.id()).orElseThrow().reactions()).isEqualTo(removed.message().reactions());
        List<ReactionsUpdated> toAda = fx.inbox(adaDesk).events(ReactionsUpdated.class);
        assertThat(toAda).hasSize(3).allSatisfy(update -> {
            assertThat(update.conversationId()).isEqualTo(conversation);
            assertThat(update.messageId()).isEqualTo(adas.id());
        });
        assertThat(toAda.get(2).reactions()).isEqualTo(removed.message().reactions());
        assertThat(fx.inbox(aliceLaptop).events(ReactionsUpdated.class)).hasSize(4);
        assertThat(fx.inbox(alicePhone).events(ReactionsUpdated.class)).hasSize(1);
    }

    @Test
    void an_emoji_must_be_a_few_visible_characters() {
        Message adas = fx.send(fx.ada, conversation, "Hello");

        assertThat(failure(fx.core.addReaction().addReaction(new AddReaction(fx.alice, adas.id(), " "))).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.addReaction().addReaction(new AddReaction(fx.alice, adas.id(), "x".repeat(33)))).kind())
                .isEqualTo(FailureKind.INVALID);
    }

    @Test
    void a_reply_points_to_a_message_of_the_same_conversation() {
        Message question = fx.send(fx.ada, conversation, "Any allergies?");

        var reply = ok(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, null, "Penicillin",
                null, question.id(), null)));

        assertThat(reply.message().message().replyTo()).isEqualTo(question.id());
    }

    @Test
    void a_reply_to_a_message_of_another_conversation_is_invalid_and_stores_nothing() {
        ConversationId withNora = fx.open(fx.alice, fx.nora);
        Message elsewhere = fx.send(fx.nora, withNora, "Your appointment is at 9");
        Message here = fx.send(fx.ada, conversation, "Any allergies?");

        var refused = fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, null, "Penicillin",
                null, elsewhere.id(), null));
        var toNobody = fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, null, "Penicillin",
                null, MessageId.of("no_such_message"), null));

        assertThat(failure(refused).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(toNobody)).isEqualTo(failure(refused));
        assertThat(fx.everything(fx.alice, conversation)).extracting(view -> view.message().id()).containsExactly(here.id());
    }

    @Test
    void content_rules_apply_when_sending() {
        assertThat(failure(fx.trySend(fx.alice, conversation, "  \n ")).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.trySend(fx.alice, conversation, "x".repeat(4001))).kind()).isEqualTo(FailureKind.INVALID);
        assertThat(fx.trySend(fx.alice, conversation, "x".repeat(4000)).isOk()).isTrue();
        assertThat(failure(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null,
                MessageType.CALL, "fake call", null, null, null))).kind())
                .isEqualTo(FailureKind.INVALID);
        assertThat(failure(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, UserId.of("d_ada"), null,
                "both targets", null, null, null))).kind()).isEqualTo(FailureKind.INVALID);
    }
}
