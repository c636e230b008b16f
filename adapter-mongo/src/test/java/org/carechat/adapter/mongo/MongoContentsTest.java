package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carechat.application.migration.StoreMigration;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Everything a database holds, read end to end and copied into another store, comes out as it went in. */
class MongoContentsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void a_store_copied_through_its_contents_holds_exactly_what_the_source_holds() {
        MongoStore source = mongo.openStore();
        MongoStore target = mongo.openStore();
        ConversationId id = fill(source);

        StoreMigration.Copied copied = StoreMigration.copy(source.contents(), targetOf(target), line -> { });

        assertThat(copied).isEqualTo(new StoreMigration.Copied(2, 1, 1, 4, 1, 2));
        assertThat(target.directory().find(PATIENT)).isEqualTo(source.directory().find(PATIENT));
        assertThat(target.directory().find(DOCTOR)).isEqualTo(source.directory().find(DOCTOR));
        assertThat(target.careRelationships().between(PATIENT, DOCTOR)).isEqualTo(source.careRelationships().between(PATIENT, DOCTOR));
        assertThat(target.conversations().find(id)).isEqualTo(source.conversations().find(id));
        assertThat(target.messages().after(id, 0, 100)).isEqualTo(source.messages().after(id, 0, 100)).hasSize(4);
        assertThat(target.messages().findByClientMessageId(PATIENT, "k-1"))
                .isEqualTo(source.messages().findByClientMessageId(PATIENT, "k-1")).isPresent();
        AttachmentId file = AttachmentId.of("a_1");
        assertThat(target.attachments().find(file)).isEqualTo(source.attachments().find(file));
        assertThat(target.attachments().storedBytes(PATIENT)).isEqualTo(1234);
        AuditTrail.AuditQuery all = new AuditTrail.AuditQuery(null, null, null, null, 100);
        assertThat(target.auditTrail().query(all)).isEqualTo(source.auditTrail().query(all));
        MessageDraft next = new MessageDraft(MessageId.of("m_next"), id, DOCTOR, MessageType.TEXT, "after the move",
                null, null, null, T0.plusSeconds(60), null);
        assertThat(target.messages().append(next).message().seq()).as("the next message follows on").isEqualTo(5);
    }

    @Test
    void copying_into_a_store_that_is_not_empty_stops_rather_than_renumbering() {
        MongoStore source = mongo.openStore();
        MongoStore target = mongo.openStore();
        fill(source);
        StoreMigration.copy(source.contents(), targetOf(target), line -> { });

        assertThatThrownBy(() -> StoreMigration.copy(source.contents(), targetOf(target), line -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty store");
    }

    private static StoreMigration.Target targetOf(MongoStore store) {
        return new StoreMigration.Target(store.directory(), store.careRelationships(), store.conversations(),
                store.messages(), store.attachments(), store.auditTrail());
    }

    /** Two people in care, their conversation with cursors, four messages (edited, deleted, reacted to, a call), a file, audit. */
    private static ConversationId fill(MongoStore store) {
        store.directory().save(new User(PATIENT, "Pat Doe", Role.PATIENT, null));
        store.directory().save(new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology"));
        store.careRelationships().save(new CareRelationship(PATIENT, DOCTOR, "appt-1", T0, T0.plus(Duration.ofDays(30)), null));
        ConversationId id = ConversationId.of("c_1");
        store.conversations().getOrCreateDirect(Conversation.direct(id, PATIENT, DOCTOR, T0));
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            UserId sender = i % 2 == 1 ? PATIENT : DOCTOR;
            sent.add(store.messages().append(new MessageDraft(MessageId.of("m" + i), id, sender, MessageType.TEXT,
                    "message " + i, null, null, i == 1 ? "k-1" : null, T0.plusSeconds(i), null)).message());
        }
        store.messages().append(new MessageDraft(MessageId.of("m4"), id, DOCTOR, MessageType.CALL, null, null, null, null,
                T0.plusSeconds(4), new CallSummary(CallId.of("call_1"), CallMedia.VIDEO, CallOutcome.COMPLETED, 95)));
        store.messages().update(MessageId.of("m1"), m -> m.edit(PATIENT, "message 1, edited", T0.plusSeconds(10), Duration.ofMinutes(15)));
        store.messages().update(MessageId.of("m2"), m -> m.react(PATIENT, "👍"));
        store.messages().update(MessageId.of("m3"), m -> m.delete(PATIENT));
        store.conversations().update(id, c -> c.withMessage(4, DOCTOR, T0.plusSeconds(4)).readUpTo(PATIENT, 2).mutedBy(PATIENT, true));
        store.attachments().save(new Attachment(AttachmentId.of("a_1"), PATIENT, "lab.pdf", "application/pdf", 1234, T0));
        store.auditTrail().append(new AuditEntry("e1", PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1"), T0, "ok"));
        store.auditTrail().append(new AuditEntry("e2", DOCTOR, AuditAction.HISTORY_READ, List.of("conversation:c_1"),
                T0.plusSeconds(5), "ok"));
        return id;
    }
}
