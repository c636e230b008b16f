package org.carechat.adapter.sqlite;

import java.time.Instant;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;

/** The few fixed people, conversations and drafts the adapter's own tests write. */
final class Drafts {
    static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    static final UserId PATIENT = UserId.of("p1");
    static final UserId DOCTOR = UserId.of("d1");
    static final ConversationId CONVERSATION = ConversationId.of("c_1");

    private Drafts() {
    }

    static Conversation conversation() {
        return Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0);
    }

    /** A text message {@code m_<n>} in {@link #CONVERSATION}, written {@code n} seconds after T0. */
    static MessageDraft text(int n) {
        return text(CONVERSATION, "m_" + n, n % 2 == 0 ? DOCTOR : PATIENT, "message " + n, null, n);
    }

    static MessageDraft text(ConversationId conversation, String id, UserId sender, String content,
                             String clientMessageId, int second) {
        return new MessageDraft(MessageId.of(id), conversation, sender, MessageType.TEXT, content, null, null,
                clientMessageId, T0.plusSeconds(second), null);
    }
}
