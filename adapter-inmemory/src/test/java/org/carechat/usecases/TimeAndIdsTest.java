package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.ok;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.carechat.application.attachment.UploadAttachmentUseCase.Upload;
import org.carechat.application.call.RequestCallUseCase.RequestCall;
import org.carechat.application.messaging.EditMessageUseCase.EditMessage;
import org.carechat.application.messaging.SendMessageUseCase.Sent;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.call.Call;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.presence.PresenceState;
import org.junit.jupiter.api.Test;

/** The core reads time from the injected clock and takes ids from the injected generator, nowhere else. */
final class TimeAndIdsTest {
    private final ChatFixture fx = ChatFixture.create();

    @Test
    void a_message_and_its_conversation_get_the_clocks_time_and_generated_ids() {
        fx.time.set(Instant.parse("2027-03-04T05:06:07.089Z"));
        long mark = fx.ids.issued();

        Sent sent = ok(fx.trySendTo(fx.alice, fx.ada.id(), "Hello"));

        Set<String> issued = fx.ids.issuedSince(mark);
        Message message = sent.message().message();
        Conversation conversation = fx.conversations.find(message.conversationId()).orElseThrow();
        assertThat(message.createdAt()).isEqualTo(Instant.parse("2027-03-04T05:06:07.089Z"));
        assertThat(conversation.createdAt()).isEqualTo(message.createdAt());
        assertThat(conversation.updatedAt()).isEqualTo(message.createdAt());
        assertThat(issued).contains(message.id().value());
        assertThat(conversation.id().value()).startsWith("c_");
        assertThat(issued).contains(conversation.id().value().substring(2));
        AuditEntry entry = fx.lastAudit();
        assertThat(issued).contains(entry.id());
        assertThat(entry.at()).isEqualTo(message.createdAt());
    }

    @Test
    void later_changes_carry_the_later_time() {
        var conversation = fx.open(fx.alice, fx.ada);
        Message message = fx.send(fx.alice, conversation, "Typo");
        fx.time.advance(Duration.ofMinutes(2));

        Message edited = ok(fx.core.editMessage().edit(new EditMessage(fx.alice, message.id(), "Fixed"))).message();
        fx.time.advance(Duration.ofMinutes(2));
        Message later = fx.send(fx.ada, conversation, "Noted");

        assertThat(edited.createdAt()).isEqualTo(ChatFixture.START);
        assertThat(edited.editedAt()).isEqualTo(ChatFixture.START.plus(Duration.ofMinutes(2)));
        assertThat(later.createdAt()).isEqualTo(ChatFixture.START.plus(Duration.ofMinutes(4)));
        assertThat(fx.conversations.find(conversation).orElseThrow().updatedAt()).isEqualTo(later.createdAt());
        assertThat(fx.conversations.find(conversation).orElseThrow().createdAt()).isEqualTo(ChatFixture.START);
    }

    @Test
    void calls_attachments_and_presence_use_the_clock_and_the_generator_too() {
        fx.time.advance(Duration.ofHours(1));
        long mark = fx.ids.issued();

        Call call = ok(fx.core.requestCall().requestCall(new RequestCall(fx.alice, null, fx.ada.id(), CallMedia.AUDIO)));
        Attachment attachment = ok(fx.core.uploadAttachment().upload(new Upload(fx.alice,
                new ByteArrayInputStream(SampleFiles.pdf()), null, "lab.pdf", null)));
        PresenceState online = ok(fx.core.openSession().open(fx.alice));

        Set<String> issued = fx.ids.issuedSince(mark);
        Instant now = fx.time.instant();
        assertThat(call.id().value()).startsWith("call_");
        assertThat(issued).contains(call.id().value().substring("call_".length()));
        assertThat(call.requestedAt()).isEqualTo(now);
        assertThat(attachment.id().value()).startsWith("a_");
        assertThat(issued).contains(attachment.id().value().substring("a_".length()));
        assertThat(attachment.createdAt()).isEqualTo(now);
        assertThat(online.lastSeen()).isEqualTo(now);
        assertThat(fx.audit()).filteredOn(entry -> entry.at().equals(now)).extracting(AuditEntry::id)
                .allSatisfy(id -> assertThat(issued).contains(id));
    }

    @Test
    void the_ids_are_exactly_the_generated_ones_and_nothing_else() {
        long before = fx.ids.issued();

        Message first = ok(fx.trySendTo(fx.alice, fx.ada.id(), "One")).message().message();
        long afterFirst = fx.ids.issued();
        Message second = fx.send(fx.ada, first.conversationId(), "Two");

        assertThat(fx.ids.issuedSince(before)).contains(first.id().value());
        assertThat(fx.ids.issuedSince(afterFirst)).contains(second.id().value()).doesNotContain(first.id().value());
        assertThat(first.id().value()).matches("id\\d+");
    }
}
