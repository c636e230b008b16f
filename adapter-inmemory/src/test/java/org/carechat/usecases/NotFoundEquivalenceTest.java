package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.carechat.application.Actor;
import org.carechat.application.attachment.DownloadAttachmentUseCase.DownloadAttachment;
import org.carechat.application.attachment.LinkAttachmentUseCase.LinkAttachment;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.call.AnswerCallUseCase.CallAction;
import org.carechat.application.call.CallHistoryUseCase.CallHistory;
import org.carechat.application.call.RelayCallSignalUseCase.RelaySignal;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.conversation.GetConversationUseCase.GetConversation;
import org.carechat.application.conversation.SetMutedUseCase.SetMuted;
import org.carechat.application.conversation.SetPinnedUseCase.SetPinned;
import org.carechat.application.messaging.AddReactionUseCase.AddReaction;
import org.carechat.application.messaging.DeleteMessageUseCase.DeleteMessage;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.MarkDeliveredUseCase.MarkDelivered;
import org.carechat.application.messaging.MarkReadUseCase.MarkRead;
import org.carechat.application.messaging.ReadHistoryUseCase.ReadHistory;
import org.carechat.application.messaging.RemoveReactionUseCase.RemoveReaction;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.application.presence.StartTypingUseCase.Typing;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallState;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.failure.Result;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Ids cannot be probed: a conversation, message, call or attachment that exists but is not yours is
 * answered exactly like one that does not exist. Alice and Dr. Ada's things are probed by Bob (a patient
 * with a doctor of his own) and by Dr. Ben (a clinician, who may consult Ada but is not in that conversation).
 */
final class NotFoundEquivalenceTest {
    private static final ConversationId NO_CONVERSATION = ConversationId.of("c_does_not_exist");
    private static final MessageId NO_MESSAGE = MessageId.of("m_does_not_exist");
    private static final CallId NO_CALL = CallId.of("call_does_not_exist");
    private static final AttachmentId NO_ATTACHMENT = AttachmentId.of("a_does_not_exist");

    private final ChatFixture fx = ChatFixture.create();
    private final ConversationId conversation;
    private final Message adasMessage;
    private final Message alicesMessage;
    private final Call ringing;
    private final Attachment sentFile;

    NotFoundEquivalenceTest() {
        conversation = fx.open(fx.alice, fx.ada);
        alicesMessage = fx.send(fx.alice, conversation, "My chest hurts");
        adasMessage = fx.send(fx.ada, conversation, "Please come in");
        ok(fx.core.addReaction().addReaction(new AddReaction(fx.alice, adasMessage.id(), "👍")));
        sentFile = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice, new ByteArrayInputStream(SampleFiles.pdf()),
                "application/pdf", "ecg.pdf", null)));
        ok(fx.core.sendMessage().send(new SendMessage(fx.alice, conversation, null, MessageType.FILE, null, sentFile.id(),
                null, null)));
        ringing = ok(fx.core.requestCall().requestCall(new RequestCall(fx.alice, conversation, null, CallMedia.AUDIO)));
        // the probers have conversations of their own
        fx.open(fx.bob, fx.ben);
        fx.open(fx.ben, fx.nora);
    }

    @TestFactory
    Stream<DynamicTest> a_foreign_id_is_answered_exactly_like_an_id_that_does_not_exist() {
        return Stream.of(fx.bob, fx.ben).flatMap(prober -> probes(prober).stream()
                .map(probe -> DynamicTest.dynamicTest(prober.id() + ": " + probe.name(), () -> {
                    ChatFailure foreign = failure(probe.call().apply(true));
                    ChatFailure missing = failure(probe.call().apply(false));
                    assertThat(foreign.kind()).isEqualTo(probe.expected());
                    assertThat(foreign).as("same kind and message").isEqualTo(missing);
                    assertNothingChanged();
                })));
    }

    private List<Probe> probes(Actor prober) {
        ConversationId[] conversations = {NO_CONVERSATION, conversation};
        MessageId[] messages = {NO_MESSAGE, adasMessage.id()};
        MessageId[] ownMessages = {NO_MESSAGE, alicesMessage.id()};
        CallId[] calls = {NO_CALL, ringing.id()};
        AttachmentId[] files = {NO_ATTACHMENT, sentFile.id()};
        return List.of(
                new Probe("get conversation", f -> fx.core.getConversation().get(new GetConversation(prober, conversations[i(f)]))),
                new Probe("read history", f -> fx.core.readHistory().read(new ReadHistory(prober, conversations[i(f)], null, null, null))),
                new Probe("read history after a seq", f -> fx.core.readHistory().read(new ReadHistory(prober, conversations[i(f)], null, 0L, 10))),
                new Probe("send by conversation id", f -> fx.trySend(prober, conversations[i(f)], "Hello?")),
                new Probe("mark read", f -> fx.core.markRead().markRead(new MarkRead(prober, conversations[i(f)], 1L))),
                new Probe("mark delivered", f -> fx.core.markDelivered().markDelivered(new MarkDelivered(prober, conversations[i(f)], 1L))),
                new Probe("mute", f -> fx.core.setMuted().setMuted(new SetMuted(prober, conversations[i(f)], true))),
                new Probe("pin", f -> fx.core.setPinned().setPinned(new SetPinned(prober, conversations[i(f)], true))),
                new Probe("start typing", f -> fx.core.startTyping().startTyping(new Typing(prober, conversations[i(f)], null))),
                new Probe("stop typing", f -> fx.core.stopTyping().stopTyping(new Typing(prober, conversations[i(f)], null))),
                new Probe("edit", f -> fx.core.editMessage().edit(new EditMessage(prober, ownMessages[i(f)], "Changed"))),
                new Probe("edit someone else's", f -> fx.core.editMessage().edit(new EditMessage(prober, messages[i(f)], "Changed"))),
                new Probe("delete", f -> fx.core.deleteMessage().delete(new DeleteMessage(prober, ownMessages[i(f)]))),
                new Probe("add reaction", f -> fx.core.addReaction().addReaction(new AddReaction(prober, messages[i(f)], "😀"))),
                new Probe("remove reaction", f -> fx.core.removeReaction().removeReaction(new RemoveReaction(prober, messages[i(f)], "👍"))),
                new Probe("request a call by conversation id", f -> fx.core.requestCall().requestCall(
                        new RequestCall(prober, conversations[i(f)], null, CallMedia.VIDEO))),
                new Probe("accept a call", f -> fx.core.answerCall().accept(new CallAction(prober, calls[i(f)], null))),
                new Probe("reject a call", f -> fx.core.answerCall().reject(new CallAction(prober, calls[i(f)], "busy"))),
                new Probe("end a call", f -> fx.core.answerCall().end(new CallAction(prober, calls[i(f)], null))),
                new Probe("relay a call signal", f -> fx.core.relayCallSignal().relay(new RelaySignal(prober, calls[i(f)], "{\"sdp\":\"v=0\"}"))),
                new Probe("call history", f -> fx.core.callHistory().history(new CallHistory(prober, conversations[i(f)], null))),
                new Probe("download an attachment", f -> fx.core.downloadAttachment().download(new DownloadAttachment(prober, files[i(f)]))),
                new Probe("download an attachment through a link", f -> fx.core.downloadAttachment().download(
                        new DownloadAttachment(prober, files[i(f)], true))),
                new Probe("ask for a link to an attachment", f -> fx.core.linkAttachment().link(new LinkAttachment(prober, files[i(f)]))),
                new Probe("send someone else's attachment", f -> fx.core.sendMessage().send(new SendMessage(prober, null,
                        prober == fx.bob ? fx.ben.id() : fx.nora.id(), MessageType.FILE, null, files[i(f)], null, null))),
                new Probe("reply to a foreign message", FailureKind.INVALID, f -> fx.core.sendMessage().send(new SendMessage(prober,
                        null, prober == fx.bob ? fx.ben.id() : fx.nora.id(), null, "Re:", null, messages[i(f)], null))));
    }

    private void assertNothingChanged() {
        assertThat(fx.calls.find(ringing.id()).orElseThrow().state()).isEqualTo(CallState.RINGING);
        assertThat(fx.messages.find(alicesMessage.id()).orElseThrow()).isEqualTo(alicesMessage);
        assertThat(fx.messages.find(adasMessage.id()).orElseThrow().reactions().byEmoji()).containsOnlyKeys("👍");
        var stored = fx.conversations.find(conversation).orElseThrow();
        assertThat(stored.participants()).containsExactly(fx.alice.id(), fx.ada.id());
        assertThat(stored.lastSeq()).isEqualTo(3);
        assertThat(stored.stateOf(fx.alice.id()).muted() || stored.stateOf(fx.ada.id()).muted()).isFalse();
    }

    private static int i(boolean foreign) {
        return foreign ? 1 : 0;
    }

    private record Probe(String name, FailureKind expected, Function<Boolean, Result<?>> call) {
        Probe(String name, Function<Boolean, Result<?>> call) {
            this(name, FailureKind.NOT_FOUND, call);
        }
    }
}
