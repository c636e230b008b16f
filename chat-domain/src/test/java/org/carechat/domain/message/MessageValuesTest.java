package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class MessageValuesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void an_attachment_reference_has_a_name_a_type_and_a_non_negative_size() {
        AttachmentId id = AttachmentId.of("a_1");
        assertThat(new AttachmentRef(id, "x.pdf", "application/pdf", 0).size()).isZero();
        assertThatThrownBy(() -> new AttachmentRef(id, "", "application/pdf", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentRef(id, "x", " ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentRef(id, "x", "application/pdf", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_call_summary_never_has_a_negative_duration() {
        assertThatThrownBy(() -> new CallSummary(CallId.of("k1"), CallMedia.AUDIO, CallOutcome.COMPLETED, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallSummary(CallId.of("k1"), CallMedia.AUDIO, null, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_message_view_needs_a_message_and_a_status() {
        Message message = new MessageDraft(MessageId.of("m1"), ConversationId.of("c1"), UserId.of("p1"), MessageType.TEXT,
                "hi", null, null, null, T0, null).at(1);

        assertThat(new MessageView(message, MessageStatus.SENT).status()).isEqualTo(MessageStatus.SENT);
        assertThatThrownBy(() -> new MessageView(message, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageView(null, MessageStatus.SENT)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_draft_needs_an_id_a_conversation_a_sender_a_type_and_a_time() {
        MessageId id = MessageId.of("m1");
        ConversationId conversation = ConversationId.of("c1");
        UserId sender = UserId.of("p1");
        assertThatThrownBy(() -> new MessageDraft(null, conversation, sender, MessageType.TEXT, "x", null, null, null, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageDraft(id, conversation, null, MessageType.TEXT, "x", null, null, null, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageDraft(id, conversation, sender, null, "x", null, null, null, T0, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MessageDraft(id, conversation, sender, MessageType.TEXT, "x", null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
