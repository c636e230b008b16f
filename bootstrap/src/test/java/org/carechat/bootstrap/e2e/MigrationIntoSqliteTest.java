package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carechat.adapter.mongo.EmbeddedMongo;
import org.carechat.adapter.mongo.MongoStore;
import org.carechat.adapter.mongo.MongoStoreSettings;
import org.carechat.adapter.sqlite.SqliteSettings;
import org.carechat.adapter.sqlite.SqliteStore;
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
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code migrate} reads from the previous embedded store and writes into SQLite comes out of every port as it
 * went in: edits, deletions, reactions, replies, a call record, a file message and an unsent upload, muted and
 * pinned flags and cursors, an ended and a revoked relationship, the audit trail.
 */
class MigrationIntoSqliteTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");

    @TempDir
    Path old;

    @TempDir
    Path fresh;

    @Test
    void everything_of_the_previous_store_reads_back_the_same_from_sqlite() {
        try (EmbeddedMongo embedded = EmbeddedMongo.open(old, 0, EmbeddedMongo.Durability.WRITTEN);
             MongoStore source = MongoStore.open(MongoStoreSettings.of(embedded.connectionString()));
             SqliteStore target = SqliteStore.open(SqliteSettings.of(fresh.resolve("carechat.db")))) {
            ConversationId id = fill(source);

            StoreMigration.Copied copied = StoreMigration.copy(source.contents(), new StoreMigration.Target(
                    target.directory(), target.careRelationships(), target.conversations(), target.messages(),
                    target.attachments(), target.auditTrail()), line -> { });

            assertThat(copied).isEqualTo(new StoreMigration.Copied(3, 2, 1, 6, 2, 2));
            for (UserId user : List.of(PATIENT, DOCTOR, NURSE)) {
                assertThat(target.directory().find(user)).isEqualTo(source.directory().find(user));
                assertThat(target.careRelationships().involving(user))
                        .containsExactlyInAnyOrderElementsOf(source.careRelationships().involving(user));
                assertThat(target.conversations().ofParticipant(user)).isEqualTo(source.conversations().ofParticipant(user));
            }
            assertThat(target.conversations().find(id)).isEqualTo(source.conversations().find(id));
            assertThat(target.messages().after(id, 0, 100)).isEqualTo(source.messages().after(id, 0, 100)).hasSize(6);
            assertThat(target.messages().ofType(id, MessageType.CALL, 10)).isEqualTo(source.messages().ofType(id, MessageType.CALL, 10));
            assertThat(target.messages().findByClientMessageId(PATIENT, "k-1")).isEqualTo(source.messages().findByClientMessageId(PATIENT, "k-1"));
            for (String file : List.of("a_sent", "a_unsent")) {
                AttachmentId attachment = AttachmentId.of(file);
                assertThat(target.attachments().find(attachment)).isEqualTo(source.attachments().find(attachment));
                assertThat(target.messages().referencing(attachment)).isEqualTo(source.messages().referencing(attachment));
            }
            assertThat(target.attachments().unreferencedBefore(T0.plus(Duration.ofDays(2)), 10))
                    .isEqualTo(source.attachments().unreferencedBefore(T0.plus(Duration.ofDays(2)), 10)).hasSize(1);
            assertThat(target.attachments().storedBytes(PATIENT)).isEqualTo(source.attachments().storedBytes(PATIENT));
            AuditTrail.AuditQuery all = new AuditTrail.AuditQuery(null, null, null, null, 100);
            assertThat(target.auditTrail().query(all)).isEqualTo(source.auditTrail().query(all));
        }
    }

    private static ConversationId fill(MongoStore store) {
        store.directory().save(new User(PATIENT, "Pat Doe", Role.PATIENT, null));
        store.directory().save(new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology"));
        store.directory().save(new User(NURSE, "Nurse Joan Park", Role.NURSE, null));
        store.careRelationships().save(new CareRelationship(PATIENT, DOCTOR, "appt-1", T0, T0.plus(Duration.ofDays(30)), null));
        store.careRelationships().save(new CareRelationship(PATIENT, NURSE, null, T0, null, T0.plusSeconds(3600)));
        ConversationId id = ConversationId.of("c_1");
        store.conversations().getOrCreateDirect(Conversation.direct(id, PATIENT, DOCTOR, T0));
        store.attachments().save(new Attachment(AttachmentId.of("a_sent"), PATIENT, "lab.pdf", "application/pdf", 1234, T0));
        store.attachments().save(new Attachment(AttachmentId.of("a_unsent"), PATIENT, "scan.png", "image/png", 99, T0));
        store.attachments().markUnreferenced(AttachmentId.of("a_unsent"), T0);
        store.attachments().markReferenced(AttachmentId.of("a_sent"));
        append(store, 1, id, PATIENT, MessageType.TEXT, "message 1", null, null, "k-1");
        append(store, 2, id, DOCTOR, MessageType.TEXT, "message 2", null, MessageId.of("m1"), null);
        append(store, 3, id, PATIENT, MessageType.TEXT, "message 3", null, null, null);
        append(store, 4, id, PATIENT, MessageType.FILE, "my results",
                new AttachmentRef(AttachmentId.of("a_sent"), "lab.pdf", "application/pdf", 1234), null, null);
        store.messages().append(new MessageDraft(MessageId.of("m5"), id, DOCTOR, MessageType.CALL, null, null, null, null,
                T0.plusSeconds(5), new CallSummary(CallId.of("call_1"), CallMedia.VIDEO, CallOutcome.COMPLETED, 95)));
        append(store, 6, id, DOCTOR, MessageType.TEXT, "message 6", null, null, null);
        store.messages().update(MessageId.of("m1"), m -> m.edit(PATIENT, "message 1, edited", T0.plusSeconds(10), Duration.ofMinutes(15)));
        store.messages().update(MessageId.of("m2"), m -> m.react(PATIENT, "👍").react(DOCTOR, "❤️"));
        store.messages().update(MessageId.of("m3"), m -> m.delete(PATIENT));
        store.conversations().update(id, c -> c.withMessage(6, DOCTOR, T0.plusSeconds(6)).deliveredUpTo(PATIENT, 5)
                .readUpTo(PATIENT, 2).mutedBy(PATIENT, true).pinnedBy(DOCTOR, true));
        store.auditTrail().append(new AuditEntry("e1", PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1",
                "message:m1"), T0, "ok"));
        store.auditTrail().append(new AuditEntry("e2", DOCTOR, AuditAction.HISTORY_READ, List.of("conversation:c_1"),
                T0.plusSeconds(5), "forbidden"));
        return id;
    }

    private static void append(MongoStore store, int n, ConversationId id, UserId sender, MessageType type, String content,
                               AttachmentRef attachment, MessageId replyTo, String clientMessageId) {
        store.messages().append(new MessageDraft(MessageId.of("m" + n), id, sender, type, content, attachment, replyTo,
                clientMessageId, T0.plusSeconds(n), null));
    }
}
