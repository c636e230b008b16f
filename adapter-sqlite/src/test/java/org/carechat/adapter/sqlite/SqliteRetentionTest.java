package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Messages.PurgeQuery;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Version 5 of the file (the retention's index), brought to a file of version 3, and what the retention reads and
 * deletes across a restart of the store.
 */
final class SqliteRetentionTest {
    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    @Test
    void a_file_of_version_3_gets_the_index_of_the_messages_due_and_keeps_its_messages() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (Session session = TestSqlite.connections(settings).writer()) {
            assertThat(Migrations.current().upTo(3).apply(session, T0)).containsExactly(1, 2, 3);
            assertThat(indexes(session)).doesNotContain("messages_created");
        }
        try (SqliteStore store = SqliteStore.open(settings)) {
            Message kept = store.messages().append(Drafts.text(1)).message();
            assertThat(store.writer().write("read the versions", Migrations::recorded))
                    .extracting(Migrations.Applied::version).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(store.writer().write("read the indexes", SqliteRetentionTest::indexes)).contains("messages_created");
            assertThat(store.messages().purgeCandidates(new PurgeQuery(T0.plusSeconds(3600), Set.of(), Set.of(), 10)))
                    .containsExactly(kept);
        }
    }

    @Test
    void what_is_due_and_the_records_kept_read_the_same_after_a_restart() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        List<Message> sent = new ArrayList<>();
        AuditEntry hold = new AuditEntry("e_hold", DOCTOR, AuditAction.LEGAL_HOLD_PLACE,
                List.of("access:legal_hold", "legal_hold:lh_1", "user:p1", "reason:case"), T0, AuditEntry.OK);
        AuditEntry read = new AuditEntry("e_read", DOCTOR, AuditAction.HISTORY_READ, List.of("conversation:c_1"),
                T0.plusMillis(1), AuditEntry.OK);
        try (SqliteStore store = SqliteStore.open(settings)) {
            for (int n = 1; n <= 3; n++) {
                sent.add(store.messages().append(Drafts.text(n)).message());
            }
            store.messages().update(sent.get(1).id(), Message::purge);
            store.auditTrail().append(hold);
            store.auditTrail().append(read);
        }
        try (SqliteStore again = SqliteStore.open(settings)) {
            assertThat(again.messages().purgeCandidates(new PurgeQuery(T0.plusSeconds(3600), Set.of(CONVERSATION),
                    Set.of(), 10))).containsExactly(sent.get(0), sent.get(2));
            assertThat(again.auditTrail().deleteBefore(T0.plusSeconds(1), Set.of(AuditAction.LEGAL_HOLD_PLACE), 10))
                    .isEqualTo(1);
            assertThat(again.auditTrail().query(new AuditQuery(null, null, null, null, 10))).containsExactly(hold);
            assertThat(again.auditTrail().query(new AuditQuery(null, "conversation:c_1", null, null, 10))).isEmpty();
        }
    }

    private static List<String> indexes(Session session) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = session.connection().createStatement()
                .executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
