package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Supplier;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.RelayCallSignalUseCase.RelaySignal;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.conversation.ListConversationsUseCase.ListConversations;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.SearchMessagesUseCase.SearchMessages;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.presence.ListContactsUseCase.ListContacts;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * Text a client sets that is not well-formed Unicode (a lone UTF-16 surrogate, which a JSON escape can carry
 * but UTF-8 cannot) is refused as invalid before anything is stored, relayed or published.
 */
final class WellFormedTextTest {
    private static final String LONE_HIGH = "hi \ud800";
    private static final String LONE_LOW = "\udc00 there";
    private static final String REVERSED_PAIR = "\ude00\ud83d";

    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation = fx.open(fx.alice, fx.ada);
    private final Actor adaDesk = fx.connect(fx.ada, "desk");

    @Test
    void message_content_captions_and_client_message_ids_are_refused() {
        for (String bad : List.of(LONE_HIGH, LONE_LOW, REVERSED_PAIR)) {
            invalid(() -> fx.trySend(fx.alice, conversation, bad));
            refused(() -> fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, null, "fine", null, null,
                    "key-" + bad)));
        }
        var file = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.pdf()),
                "application/pdf", "lab.pdf", null)));
        invalid(() -> fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, MessageType.FILE, LONE_HIGH,
                file.id(), null, null)));

        assertThat(fx.everything(fx.ada, conversation)).isEmpty();
        assertThat(fx.inbox(adaDesk).events(ChatEvent.MessageCreated.class)).isEmpty();
    }

    @Test
    void well_formed_text_with_real_surrogate_pairs_is_kept() {
        Message sent = fx.send(fx.alice, conversation, "thanks 😀 𝄞");

        assertThat(sent.content()).isEqualTo("thanks 😀 𝄞");
    }

    @Test
    void edits_and_reactions_are_refused() {
        Message message = fx.send(fx.alice, conversation, "original");

        invalid(() -> fx.core.editMessage().edit(new EditMessage(fx.alice, message.id(), LONE_HIGH)));
        refused(() -> fx.core.addReaction().addReaction(new AddReaction(fx.ada, message.id(), "\ud83d")));

        Message stored = fx.everything(fx.ada, conversation).get(0).message();
        assertThat(stored.content()).isEqualTo("original");
        assertThat(stored.reactions().isEmpty()).isTrue();
    }

    @Test
    void call_signals_and_reasons_are_refused_and_not_relayed() {
        Actor alicePhone = fx.connect(fx.alice, "phone");
        ok(fx.core.openSession().open(alicePhone));
        ok(fx.core.openSession().open(adaDesk));
        Call call = ok(fx.core.requestCall().requestCall(new RequestCall(alicePhone, conversation, null, CallMedia.AUDIO)));

        invalid(() -> fx.core.relayCallSignal().relay(new RelaySignal(alicePhone, call.id(), "{\"sdp\":\"" + LONE_HIGH + "\"}")));
        invalid(() -> fx.core.answerCall().reject(new CallAction(adaDesk, call.id(), LONE_LOW)));

        assertThat(fx.inbox(adaDesk).events(ChatEvent.CallSignal.class)).isEmpty();
        assertThat(fx.calls.liveIn(conversation)).isPresent();
    }

    @Test
    void names_roles_specialties_and_appointments_are_refused_from_the_directory() {
        invalid(() -> fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("d_new"), LONE_HIGH, "doctor", null)));
        invalid(() -> fx.core.upsertUser().upsert(new UpsertUser(fx.admin, UserId.of("d_new"), "Dr. New", "doctor", LONE_LOW)));
        invalid(() -> fx.core.openCareRelationship().open(new OpenCareRelationship(fx.service, fx.carol.id(), fx.ada.id(),
                "appt-" + LONE_HIGH, null, null)));

        assertThat(fx.directory.find(UserId.of("d_new"))).isEmpty();
        assertThat(fx.relationships.between(fx.carol.id(), fx.ada.id())).isEmpty();
    }

    @Test
    void file_names_and_declared_types_of_uploads_are_refused() {
        invalid(() -> fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.pdf()),
                "application/pdf", "lab" + LONE_HIGH + ".pdf", null)));
        invalid(() -> fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.pdf()),
                "application/pdf" + LONE_LOW, "lab.pdf", null)));
    }

    @Test
    void search_texts_are_refused() {
        invalid(() -> fx.core.searchMessages().search(new SearchMessages(fx.alice, LONE_HIGH, null)));
        invalid(() -> fx.core.listConversations().list(new ListConversations(fx.alice, null, LONE_HIGH, null, null)));
        invalid(() -> fx.core.listContacts().contacts(new ListContacts(fx.alice, LONE_HIGH, null)));
    }

    private static void invalid(Supplier<Result<?>> operation) {
        assertThat(refused(operation)).contains("not well-formed Unicode");
    }

    /** Refused as invalid by a rule of its own (a retry key or an emoji is printable text of a few characters). */
    private static String refused(Supplier<Result<?>> operation) {
        var refusal = failure(operation.get());
        assertThat(refusal.kind()).isEqualTo(FailureKind.INVALID);
        return refusal.message();
    }
}
