package org.carechat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.MessageView;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The streamed message is, character for character, the message of the wire contract's tree. */
class StreamedMessageTest {
    private static final WireJson JSON = new WireJson(WireLimits.standard());
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");

    @Test
    void every_shape_of_message_streams_as_its_tree_writes() {
        Message plain = draft("m_1", MessageType.TEXT, "hello \"doctor\" \\ é 👍 \u0001", null, null, "client-1", null);
        Message file = draft("m_2", MessageType.FILE, null,
                new AttachmentRef(AttachmentId.of("a_1"), "results.pdf", "application/pdf", 12_345), MessageId.of("m_1"),
                null, null);
        Message call = draft("m_3", MessageType.CALL, null, null, null, null,
                new CallSummary(CallId.of("call_1"), CallMedia.VIDEO, CallOutcome.COMPLETED, 95));
        Message edited = plain.edit(PATIENT, "changed", T0.plusSeconds(30), Duration.ofMinutes(15))
                .react(UserId.of("d1"), "👍").react(PATIENT, "❤️");
        Message deleted = edited.delete(PATIENT);

        for (Message message : List.of(plain, file, call, edited, deleted)) {
            for (MessageStatus status : MessageStatus.values()) {
                MessageView view = new MessageView(message, status);
                assertThat(JSON.writeMessage(view)).as(message.id() + " " + status)
                        .isEqualTo(JSON.write(WireResources.message(view)));
            }
        }
    }

    private static Message draft(String id, MessageType type, String content, AttachmentRef attachment, MessageId replyTo,
                                 String clientMessageId, CallSummary call) {
        return new MessageDraft(MessageId.of(id), ConversationId.of("c_1"), PATIENT, type, content, attachment, replyTo,
                clientMessageId, T0, call).at(7);
    }
}
