package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.call.CallHistoryUseCase.CallHistory;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.OpenConversationUseCase.OpenConversation;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.application.messaging.SearchMessagesUseCase.SearchMessages;
import org.carechat.application.presence.StartTypingUseCase.Typing;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.care.CarePolicy;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ConversationView;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** Who may talk to whom, as every use case that adds to a conversation applies it. */
final class CarePolicyUseCasesTest {
    private final ChatFixture fx = ChatFixture.create();

    @Test
    void patient_can_message_a_doctor_in_care_with_them() {
        var sent = ok(fx.trySendTo(fx.alice, fx.ada.id(), "Hello doctor"));

        assertThat(sent.created()).isTrue();
        assertThat(sent.message().message().senderId()).isEqualTo(fx.alice.id());
        assertThat(ok(fx.trySendTo(fx.ada, fx.alice.id(), "Hello Alice")).message().message().conversationId())
                .isEqualTo(sent.message().message().conversationId());
    }

    @Test
    void patient_cannot_message_a_doctor_without_care_relationship() {
        assertThat(failure(fx.trySendTo(fx.carol, fx.ada.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.trySendTo(fx.bob, fx.ada.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.trySendTo(fx.ada, fx.carol.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.conversations.findDirect(fx.carol.id(), fx.ada.id())).isEmpty();
    }

    @Test
    void patient_cannot_open_a_conversation_or_call_a_doctor_without_care_relationship() {
        assertThat(failure(fx.core.openConversation().open(new OpenConversation(fx.carol, fx.ada.id()))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(fx.carol, null, fx.ada.id(), CallMedia.VIDEO)))
                .kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.conversations.ofParticipant(fx.carol.id())).isEmpty();
    }

    @Test
    void opening_a_conversation_with_an_active_relationship_creates_it_once() {
        var first = ok(fx.core.openConversation().open(new OpenConversation(fx.alice, fx.ada.id())));
        var again = ok(fx.core.openConversation().open(new OpenConversation(fx.ada, fx.alice.id())));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.conversation().conversation().id()).isEqualTo(first.conversation().conversation().id());
        assertThat(first.conversation().canSend()).isTrue();
    }

    @Test
    void after_the_relationship_reaches_its_end_history_stays_readable_but_nothing_new_is_allowed() {
        fx.relate(fx.bob, fx.ada, ChatFixture.START.plus(Duration.ofHours(1)));
        ConversationId conversation = fx.open(fx.bob, fx.ada);
        Message bobs = fx.send(fx.bob, conversation, "My rash is worse");
        Message adas = fx.send(fx.ada, conversation, "Send me a photo please");

        fx.time.advance(Duration.ofHours(1));

        assertNothingNewIsAllowed(fx.bob, fx.ada, conversation, bobs, adas);
        assertHistoryStaysReadable(fx.bob, conversation, "rash", bobs, adas);
        assertHistoryStaysReadable(fx.ada, conversation, "photo", bobs, adas);
    }

    @Test
    void after_the_relationship_is_revoked_history_stays_readable_but_nothing_new_is_allowed() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message alices = fx.send(fx.alice, conversation, "Chest pain since Tuesday");
        Message adas = fx.send(fx.ada, conversation, "Please come in tomorrow");

        fx.revoke(fx.alice, fx.ada);

        assertNothingNewIsAllowed(fx.alice, fx.ada, conversation, alices, adas);
        assertHistoryStaysReadable(fx.alice, conversation, "chest", alices, adas);
        assertHistoryStaysReadable(fx.ada, conversation, "tomorrow", alices, adas);
    }

    @Test
    void the_sender_may_still_delete_their_own_message_after_the_relationship_ended() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        Message alices = fx.send(fx.alice, conversation, "Sent to the wrong doctor");
        fx.revoke(fx.alice, fx.ada);

        var deleted = ok(fx.core.deleteMessage().delete(new DeleteMessage(fx.alice, alices.id())));

        assertThat(deleted.message().deleted()).isTrue();
    }

    @Test
    void a_relationship_opened_again_after_its_revocation_allows_messages_again() {
        ConversationId conversation = fx.open(fx.alice, fx.ada);
        fx.revoke(fx.alice, fx.ada);
        assertThat(failure(fx.trySend(fx.alice, conversation, "Still there?")).kind()).isEqualTo(FailureKind.FORBIDDEN);

        fx.relate(fx.alice, fx.ada, null);

        assertThat(ok(fx.trySend(fx.alice, conversation, "New appointment booked")).message().message().seq()).isEqualTo(1);
    }

    @Test
    void a_relationship_that_starts_later_allows_nothing_before_it_starts() {
        Instant tomorrow = ChatFixture.START.plus(Duration.ofDays(1));
        ok(fx.core.openCareRelationship().open(new OpenCareRelationship(fx.admin, fx.carol.id(), fx.ben.id(), "appt-42", tomorrow, null)));

        assertThat(failure(fx.trySendTo(fx.carol, fx.ben.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);

        fx.time.set(tomorrow);

        assertThat(fx.trySendTo(fx.carol, fx.ben.id(), "Hello").isOk()).isTrue();
    }

    @Test
    void two_patients_never_converse() {
        assertThat(failure(fx.trySendTo(fx.alice, fx.bob.id(), "Hi Bob")).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.openConversation().open(new OpenConversation(fx.alice, fx.bob.id()))).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(fx.alice, null, fx.bob.id(), CallMedia.AUDIO)))
                .kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(fx.conversations.findDirect(fx.alice.id(), fx.bob.id())).isEmpty();
    }

    @Test
    void admin_and_service_never_send_nor_open_nor_call() {
        for (Actor manager : List.of(fx.admin, fx.service)) {
            assertThat(failure(fx.trySendTo(manager, fx.alice.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.trySendTo(manager, fx.ada.id(), "Hello")).kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.core.openConversation().open(new OpenConversation(manager, fx.ada.id()))).kind())
                    .isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure(fx.core.requestCall().requestCall(new RequestCall(manager, null, fx.ada.id(), CallMedia.AUDIO)))
                    .kind()).isEqualTo(FailureKind.FORBIDDEN);
        }
        assertThat(failure(fx.trySendTo(fx.alice, fx.admin.id(), "Hello admin")).kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(fx.trySendTo(fx.ada, fx.service.id(), "Hello service")).kind()).isEqualTo(FailureKind.FORBIDDEN);
    }

    @Test
    void clinicians_consult_each_other_by_default() {
        assertThat(fx.trySendTo(fx.ada, fx.ben.id(), "Could you look at a rash?").isOk()).isTrue();
        assertThat(fx.trySendTo(fx.nora, fx.ada.id(), "Alice's blood pressure is up").isOk()).isTrue();
    }

    @Test
    void clinician_consults_are_forbidden_when_the_installation_disables_them() {
        ChatFixture noConsults = ChatFixture.create(settings -> settings.withCarePolicy(new CarePolicy(false)));

        assertThat(failure(noConsults.trySendTo(noConsults.ada, noConsults.ben.id(), "Consult?")).kind())
                .isEqualTo(FailureKind.FORBIDDEN);
        assertThat(failure(noConsults.core.openConversation().open(new OpenConversation(noConsults.nora, noConsults.ada.id())))
                .kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(noConsults.trySendTo(noConsults.alice, noConsults.ada.id(), "Hello").isOk()).isTrue();
    }

    @Test
    void an_unknown_user_as_recipient_is_refused_exactly_like_one_without_care_relationship() {
        ChatFailure unknown = failure(fx.trySendTo(fx.carol, UserId.of("ghost_42"), "Hello"));
        ChatFailure unrelated = failure(fx.trySendTo(fx.carol, fx.ada.id(), "Hello"));

        assertThat(unknown.kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(unknown).isEqualTo(unrelated);
        assertThat(failure(fx.core.openConversation().open(new OpenConversation(fx.carol, UserId.of("ghost_42")))))
                .isEqualTo(failure(fx.core.openConversation().open(new OpenConversation(fx.carol, fx.ada.id()))));
        assertThat(fx.conversations.ofParticipant(fx.carol.id())).isEmpty();
    }

    private void assertNothingNewIsAllowed(Actor patient, Actor clinician, ConversationId conversation,
                                           Message patients, Message clinicians) {
        for (Actor actor : List.of(patient, clinician)) {
            Actor other = actor == patient ? clinician : patient;
            Message own = actor == patient ? patients : clinicians;
            assertForbidden(fx.trySend(actor, conversation, "One more thing"));
            assertForbidden(fx.trySendTo(actor, other.id(), "One more thing"));
            assertForbidden(fx.core.editMessage().edit(new EditMessage(actor, own.id(), "Corrected")));
            assertForbidden(fx.core.addReaction().addReaction(new AddReaction(actor, patients.id(), "👍")));
            assertForbidden(fx.core.addReaction().addReaction(new AddReaction(actor, clinicians.id(), "👍")));
            assertForbidden(fx.core.removeReaction().removeReaction(new RemoveReaction(actor, clinicians.id(), "👍")));
            assertForbidden(fx.core.startTyping().startTyping(new Typing(actor, conversation, null)));
            assertForbidden(fx.core.startTyping().startTyping(new Typing(actor, null, other.id())));
            assertForbidden(fx.core.requestCall().requestCall(new RequestCall(actor, conversation, null, CallMedia.AUDIO)));
            assertForbidden(fx.core.requestCall().requestCall(new RequestCall(actor, null, other.id(), CallMedia.VIDEO)));
            assertForbidden(fx.core.openConversation().open(new OpenConversation(actor, other.id())));
        }
        assertThat(fx.everything(patient, conversation)).hasSize(2);
        assertThat(fx.calls.liveIn(conversation)).isEmpty();
        assertThat(fx.messages.find(patients.id()).orElseThrow().content()).isEqualTo(patients.content());
    }

    private void assertHistoryStaysReadable(Actor reader, ConversationId conversation, String searchTerm,
                                            Message... expected) {
        List<MessageView> history = ok(fx.core.readHistory().read(new ReadHistory(reader, conversation, null, null, null)))
                .items();
        assertThat(history).extracting(MessageView::message).extracting(Message::id)
                .containsExactly(expected[1].id(), expected[0].id());
        ConversationView view = ok(fx.core.getConversation().get(new GetConversation(reader, conversation)));
        assertThat(view.canSend()).isFalse();
        assertThat(ok(fx.core.searchMessages().search(new SearchMessages(reader, searchTerm, null))))
                .extracting(found -> found.message().conversationId()).containsOnly(conversation).isNotEmpty();
        assertThat(fx.core.markRead().markRead(new MarkRead(reader, conversation, null)).isOk()).isTrue();
        assertThat(fx.core.callHistory().history(new CallHistory(reader, conversation, null)).isOk()).isTrue();
    }

    private static void assertForbidden(Result<?> result) {
        assertThat(failure(result).kind()).as("%s", result).isEqualTo(FailureKind.FORBIDDEN);
    }
}
