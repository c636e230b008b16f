package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema's versions: a file of any earlier version is brought up to date when opened, all at once or not at all. */
final class SqliteMigrationsTest {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_file_of_version_1_is_brought_up_to_date_when_opened_and_its_unsent_uploads_count_as_unreferenced_since_their_upload()
            throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        Attachment sent = new Attachment(AttachmentId.of("a_sent"), PATIENT, "lab.pdf", "application/pdf", 10, T0);
        Attachment unsent = new Attachment(AttachmentId.of("a_unsent"), PATIENT, "scan.png", "image/png", 20,
                T0.plusSeconds(5));
        List<Message> version1Messages = new ArrayList<>();
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(Migrations.current().upTo(1).apply(session, T0)).containsExactly(1);
            for (Attachment upload : List.of(sent, unsent)) {
                insertVersion1Upload(session, upload);
            }
            version1Messages.add(insertVersion1Message(session, new MessageDraft(MessageId.of("m_1"), CONVERSATION, PATIENT,
                    MessageType.FILE, "my results", sent.ref(), null, "key-1", T0.plusSeconds(1), null).at(1)));
            version1Messages.add(insertVersion1Message(session, Drafts.text(2).at(2)));
        }

        try (SqliteStore store = SqliteStore.open(settings)) {
            assertThat(store.attachments().find(sent.id())).contains(sent.referenced());
            assertThat(store.attachments().find(unsent.id())).contains(unsent);
            assertThat(store.attachments().unreferencedBefore(T0.plusSeconds(3600), 10)).containsExactly(unsent);
            assertThat(store.messages().after(CONVERSATION, 0, 10)).containsExactlyElementsOf(version1Messages);
            assertThat(store.messages().findByClientMessageId(PATIENT, "key-1")).contains(version1Messages.get(0));
            assertThat(store.messages().append(Drafts.text(3)).message().seq()).isEqualTo(3);
            List<Migrations.Applied> applied = store.writer().write("read the versions", Migrations::recorded);
            assertThat(applied).extracting(Migrations.Applied::version).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(applied.get(0).at()).isEqualTo(T0);
            assertThat(applied.get(1).at()).isAfter(T0);
        }
    }

    @Test
    void a_new_file_gets_every_version_at_once_and_opening_it_again_applies_nothing() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        List<Migrations.Applied> first;
        try (SqliteStore store = SqliteStore.open(settings)) {
            first = store.writer().write("read the versions", Migrations::recorded);
            store.messages().append(Drafts.text(1));
        }
        assertThat(first).extracting(Migrations.Applied::version).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(first.get(0).at()).isEqualTo(first.get(1).at());

        try (SqliteStore again = SqliteStore.open(settings)) {
            assertThat(again.writer().write("read the versions", Migrations::recorded)).isEqualTo(first);
            assertThat(again.messages().after(CONVERSATION, 0, 10)).extracting(Message::seq).containsExactly(1L);
        }
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(Migrations.current().apply(session, Instant.now())).isEmpty();
        }
    }

    @Test
    void a_file_written_by_a_newer_carechat_is_refused_and_left_as_it_was() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings)) {
            store.messages().append(Drafts.text(1));
            store.writer().write("pretend a newer CareChat wrote it", session -> session.prepared(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)").executeUpdate());
        }

        assertThatThrownBy(() -> SqliteStore.open(settings)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("newer CareChat").hasMessageContaining("99");

        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(Migrations.recorded(session)).extracting(Migrations.Applied::version).containsExactly(1, 2, 3, 4, 5, 6, 99);
        }
    }

    @Test
    void a_migration_that_fails_leaves_the_file_at_the_version_it_had() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        Migrations broken = new Migrations(List.of(new Migrations.Script(1, "V1__chat.sql"),
                new Migrations.Script(2, "V2__broken_for_tests.sql")));
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThatThrownBy(() -> broken.apply(session, T0)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
            assertThat(tables(session)).as("nothing of version 1 either: one transaction").isEmpty();

            Migrations.current().upTo(1).apply(session, T0);
            assertThatThrownBy(() -> broken.apply(session, T0)).isInstanceOf(SQLException.class);
            assertThat(tables(session)).doesNotContain("half_done").contains("messages", "schema_migrations");
            assertThat(Migrations.recorded(session)).extracting(Migrations.Applied::version).containsExactly(1);
        }
        try (SqliteStore store = SqliteStore.open(settings)) {
            assertThat(store.writer().write("read the versions", Migrations::recorded))
                    .extracting(Migrations.Applied::version).containsExactly(1, 2, 3, 4, 5, 6);
        }
        assertThat(Files.size(settings.file())).isPositive();
    }

    private static void insertVersion1Upload(Session session, Attachment upload) throws SQLException {
        PreparedStatement insert = session.prepared("INSERT INTO attachments (id, uploader, name, mime_type, size,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?)");
        insert.setString(1, upload.id().value());
        insert.setString(2, upload.uploader().value());
        insert.setString(3, upload.name());
        insert.setString(4, upload.mimeType());
        insert.setLong(5, upload.size());
        insert.setLong(6, upload.createdAt().toEpochMilli());
        insert.executeUpdate();
    }

    /** A message as CareChat wrote it at version 1, before priority and acknowledgements; answers it as it reads back. */
    private static Message insertVersion1Message(Session session, Message m) throws SQLException {
        PreparedStatement insert = session.prepared("INSERT INTO messages (id, conversation_id, seq, sender_id, type,"
                + " content, attachment_id, attachment_name, attachment_mime_type, attachment_size, reply_to,"
                + " client_message_id, created_at, deleted, content_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
        insert.setString(1, m.id().value());
        insert.setString(2, m.conversationId().value());
        insert.setLong(3, m.seq());
        insert.setString(4, m.senderId().value());
        insert.setString(5, m.type().name());
        insert.setString(6, m.content());
        insert.setString(7, m.attachment() == null ? null : m.attachment().id().value());
        insert.setString(8, m.attachment() == null ? null : m.attachment().name());
        insert.setString(9, m.attachment() == null ? null : m.attachment().mimeType());
        if (m.attachment() == null) {
            insert.setNull(10, java.sql.Types.INTEGER);
        } else {
            insert.setLong(10, m.attachment().size());
        }
        insert.setString(11, null);
        insert.setString(12, m.clientMessageId());
        insert.setLong(13, m.createdAt().toEpochMilli());
        insert.setString(14, m.content() == null ? null : m.content().toLowerCase(java.util.Locale.ROOT));
        insert.executeUpdate();
        return MessageRows.stored(m);
    }

    private static List<String> tables(Session session) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = session.prepared("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
