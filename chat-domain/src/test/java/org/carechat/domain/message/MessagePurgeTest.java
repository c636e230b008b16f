package org.carechat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class MessagePurgeTest {
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final Instant SENT_AT = Instant.parse("2020-11-22T10:30:00Z");
    private static final AttachmentRef SCAN = new AttachmentRef(AttachmentId.of("a_1"), "scan.png", "image/png", 1234);

    @Test
    void a_purged_message_is_a_tombstone_whoever_sent_it_keeping_its_place_and_times() {
        Message urgent = new Message(MessageId.of("m_1"), CONVERSATION, 3, PATIENT, MessageType.IMAGE, "my rash", SCAN,
                MessageId.of("m_0"), "client-1", SENT_AT, SENT_AT.plusSeconds(60), false,
                Reactions.NONE.with("👍", DOCTOR), null, MessagePriority.URGENT, Map.of(DOCTOR, SENT_AT.plusSeconds(90)));

        Message purged = urgent.purge();

        assertThat(purged.deleted()).isTrue();
        assertThat(purged.content()).isNull();
        assertThat(purged.attachment()).isNull();
        assertThat(purged.reactions().isEmpty()).isTrue();
        assertThat(purged.acknowledgements()).isEmpty();
        assertThat(purged.id()).isEqualTo(urgent.id());
        assertThat(purged.seq()).isEqualTo(3);
        assertThat(purged.senderId()).isEqualTo(PATIENT);
        assertThat(purged.createdAt()).isEqualTo(SENT_AT);
        assertThat(purged.editedAt()).isEqualTo(SENT_AT.plusSeconds(60));
        assertThat(purged.purge()).isSameAs(purged);
    }
}
