package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store keeps survives closing and opening the file again, and the durability asked for is the one SQLite applies. */
final class SqliteStoreDurabilityTest {
    private static final Duration EDIT_WINDOW = Duration.ofMinutes(15);

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @ParameterizedTest
    @EnumSource(SqliteSettings.Durability.class)
    void everything_written_through_the_store_is_found_again_after_closing_and_opening_the_file(
            SqliteSettings.Durability durability) {
        SqliteSettings settings = sqlite.freshSettings().withDurability(durability);
        CareRelationship relationship = new CareRelationship(PATIENT, DOCTOR, "appt-42", T0, T0.plusSeconds(86_400), null);
        User doctor = new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology");
        Attachment lab = new Attachment(AttachmentId.of("a_lab"), PATIENT, "lab.pdf", "application/pdf", 81_234, T0);
        AuditEntry audit = new AuditEntry("e_1", PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1"),
                T0.plusSeconds(3), AuditEntry.OK);
        Conversation conversation;
        List<Message> sent = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(settings)) {
            store.careRelationships().save(relationship);
            store.directory().save(doctor);
            store.attachments().save(lab);
            store.conversations().getOrCreateDirect(Drafts.conversation());
            Messages messages = store.messages();
            sent.add(messages.append(Drafts.text(CONVERSATION, "m_1", PATIENT, "Hello doctor", "key-1", 1)).message());
            sent.add(messages.append(Drafts.text(2)).message());
            sent.add(messages.append(new MessageDraft(MessageId.of("m_3"), CONVERSATION, PATIENT, MessageType.FILE,
                    "Here are my results", lab.ref(), null, null, T0.plusSeconds(3), null)).message());
            sent.set(1, messages.update(sent.get(1).id(), m -> m.edit(DOCTOR, "Hello! How are you?",
                    T0.plusSeconds(60), EDIT_WINDOW).react(PATIENT, "👍")).orElseThrow());
            for (Message message : sent) {
                store.conversations().update(CONVERSATION, c -> c.withMessage(message.seq(), message.senderId(),
                        message.createdAt()));
            }
            conversation = store.conversations().update(CONVERSATION, c -> c.deliveredUpTo(DOCTOR, 3)
                    .readUpTo(DOCTOR, 2).pinnedBy(PATIENT, true)).orElseThrow();
            store.auditTrail().append(audit);
        }

        try (SqliteStore store = SqliteStore.open(settings)) {
            assertThat(store.conversations().find(CONVERSATION)).contains(conversation);
            assertThat(store.conversations().findDirect(DOCTOR, PATIENT)).contains(conversation);
            assertThat(store.messages().after(CONVERSATION, 0, 10)).containsExactlyElementsOf(sent);
            assertThat(store.messages().findByClientMessageId(PATIENT, "key-1")).contains(sent.get(0));
            assertThat(store.messages().referencing(lab.id())).containsExactly(sent.get(2));
            assertThat(store.careRelationships().between(PATIENT, DOCTOR)).contains(relationship);
            assertThat(store.directory().find(DOCTOR)).contains(doctor);
            assertThat(store.attachments().find(lab.id())).contains(lab);
            assertThat(store.auditTrail().query(new AuditQuery(PATIENT, null, null, null, 10))).containsExactly(audit);
            assertThat(store.messages().append(Drafts.text(4)).message().seq()).isEqualTo(4);
            assertThat(store.messages().append(Drafts.text(CONVERSATION, "m_5", PATIENT, "resent", "key-1", 5))
                    .created()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteSettings.Durability.class)
    void the_file_is_in_wal_mode_and_syncs_as_the_durability_asks(SqliteSettings.Durability durability) {
        try (SqliteStore store = SqliteStore.open(sqlite.freshSettings().withDurability(durability))) {
            long synchronous = store.writer().write("read the sync mode", session -> session.queryLong("PRAGMA synchronous"));
            String journal = store.readers().read("read the journal mode", session -> {
                try (var statement = session.connection().createStatement();
                     var rows = statement.executeQuery("PRAGMA journal_mode")) {
                    rows.next();
                    return rows.getString(1);
                }
            });

            assertThat(synchronous).as("2 is FULL, 1 is NORMAL").isEqualTo(durability == SqliteSettings.Durability.FULL ? 2 : 1);
            assertThat(journal).isEqualTo("wal");
        }
    }
}
