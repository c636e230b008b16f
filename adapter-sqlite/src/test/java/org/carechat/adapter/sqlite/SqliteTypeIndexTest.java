package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;

import java.sql.ResultSet;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Version 6 of the file: the index of messages by type leaves text messages out, and text is still found by type. */
final class SqliteTypeIndexTest {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_file_of_version_5_gets_the_partial_index_and_keeps_its_text_messages_found_by_type() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(Migrations.current().upTo(5).apply(session, Drafts.T0)).containsExactly(1, 2, 3, 4, 5);
            assertThat(indexSql(session)).doesNotContain("WHERE");
        }
        Message first;
        try (SqliteStore store = SqliteStore.open(settings)) {
            first = store.messages().append(Drafts.text(1)).message();
        }
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(indexSql(session)).endsWith("WHERE type <> 'TEXT'");
        }
        try (SqliteStore store = SqliteStore.open(settings)) {
            Message second = store.messages().append(Drafts.text(2)).message();
            assertThat(store.messages().ofType(CONVERSATION, MessageType.TEXT, 10)).containsExactly(second, first);
            assertThat(store.messages().ofType(CONVERSATION, MessageType.TEXT, 1)).containsExactly(second);
            assertThat(store.messages().ofType(CONVERSATION, MessageType.CALL, 10)).isEmpty();
        }
    }

    private static String indexSql(Session session) throws java.sql.SQLException {
        try (ResultSet rows = session.connection().createStatement()
                .executeQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'messages_type'")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
