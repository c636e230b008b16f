package org.carechat.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.sqlite.Drafts.CONVERSATION;
import static org.carechat.adapter.sqlite.Drafts.DOCTOR;
import static org.carechat.adapter.sqlite.Drafts.PATIENT;
import static org.carechat.adapter.sqlite.Drafts.T0;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every query the stores run reads through an index: none reads a whole table, so a conversation of a million
 * messages costs a history page what a conversation of ten does, and opening a large file reads nothing of its
 * messages or audit trail (the people and care relationships it reads whole, into {@link CommittedPeople}).
 * The test listens to the statements the stores really run and asks SQLite how it answers each
 * ({@code EXPLAIN QUERY PLAN}).
 */
final class SqliteQueryPlansTest {
    /** Tables of one row or a handful, where reading them whole is reading one page. */
    private static final Set<String> TINY_TABLES = Set.of("store_probe", "schema_migrations");
    /**
     * Read whole once, when the store opens, into {@link CommittedPeople}: a row per person and care relationship,
     * a clinic's size; never the messages or the audit trail.
     */
    private static final Set<String> READ_WHOLE_AT_OPEN = Set.of(DirectoryRows.ALL, CareRelationshipRows.ALL);

    @RegisterExtension
    final TestSqlite sqlite = new TestSqlite();

    private final Set<String> statements = ConcurrentHashMap.newKeySet();

    @Test
    void every_query_of_every_port_reads_through_an_index() throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(migrated(), statements::add));
        exerciseEveryPort(store);

        Map<String, List<String>> plans = plans(store, queries());

        assertThat(plans).as("queries seen").hasSizeGreaterThan(30);
        List<String> scans = new ArrayList<>();
        plans.keySet().removeAll(READ_WHOLE_AT_OPEN);
        plans.forEach((sql, plan) -> plan.stream().filter(step -> readsAWholeTable(step, plan, sql))
                .forEach(step -> scans.add(step + "  <-  " + sql)));
        assertThat(scans).as("steps that read a whole table").isEmpty();
    }

    @Test
    void history_pages_and_the_end_of_a_conversation_are_ranges_of_the_place_index_in_its_order() throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(migrated(), statements::add));
        for (int n = 1; n <= 30; n++) {
            store.messages().append(Drafts.text(n));
        }

        Map<String, List<String>> plans = plans(store, List.of(MessageRows.BEFORE, MessageRows.AFTER,
                MessageRows.LAST_SEQ, MessageRows.BY_CLIENT_MESSAGE_ID, MessageRows.OF_TYPE, MessageRows.OF_TYPE_TEXT));

        assertThat(plans.get(MessageRows.BEFORE))
                .containsExactly("SEARCH messages USING INDEX messages_place (conversation_id=? AND seq<?)");
        assertThat(plans.get(MessageRows.AFTER))
                .containsExactly("SEARCH messages USING INDEX messages_place (conversation_id=? AND seq>?)");
        assertThat(plans.get(MessageRows.LAST_SEQ))
                .containsExactly("SEARCH messages USING COVERING INDEX messages_place (conversation_id=?)");
        assertThat(plans.get(MessageRows.BY_CLIENT_MESSAGE_ID))
                .containsExactly("SEARCH messages USING INDEX messages_client_message_id (sender_id=? AND client_message_id=?)");
        assertThat(plans.get(MessageRows.OF_TYPE))
                .containsExactly("SEARCH messages USING INDEX messages_type (conversation_id=? AND type=?)");
        // text messages are not in messages_type (one index fewer written per message): read back along the place
        assertThat(plans.get(MessageRows.OF_TYPE_TEXT))
                .containsExactly("SEARCH messages USING INDEX messages_place (conversation_id=?)");
    }

    @Test
    void the_follow_up_of_urgent_messages_reads_only_its_partial_index_of_those_still_waiting() throws Exception {
        SqliteStore store = sqlite.track(SqliteStore.open(migrated(), statements::add));
        for (int n = 1; n <= 30; n++) {
            store.messages().append(Drafts.text(n));
        }

        Map<String, List<String>> plans = plans(store, List.of(MessageRows.AWAITING_ACKNOWLEDGEMENT));

        assertThat(plans.get(MessageRows.AWAITING_ACKNOWLEDGEMENT)).containsExactly(
                "SEARCH messages USING INDEX messages_awaiting_acknowledgement (follow_up=? AND created_at<?)");
    }

    @Test
    void opening_a_file_with_data_runs_no_query_that_reads_a_table() throws Exception {
        SqliteSettings settings = sqlite.freshSettings();
        try (SqliteStore store = SqliteStore.open(settings)) {
            exerciseEveryPort(store);
        }

        try (SqliteStore reopened = SqliteStore.open(settings, statements::add)) {
            List<String> atOpen = queries();
            assertThat(atOpen).as("the queries of opening").isNotEmpty();
            Map<String, List<String>> plans = plans(reopened, atOpen);
            plans.forEach((sql, plan) -> assertThat(plan).as(sql).noneMatch(step -> step.contains("messages")
                    || step.contains("audit") || !READ_WHOLE_AT_OPEN.contains(sql) && readsAWholeTable(step, plan, sql)));
        }
    }

    /** A file at the current version already, so that what is heard is the ports' work, not the migrations'. */
    private SqliteSettings migrated() {
        SqliteSettings settings = sqlite.freshSettings();
        SqliteStore.open(settings).close();
        return settings;
    }

    private static void exerciseEveryPort(SqliteStore store) {
        store.careRelationships().save(CareRelationship.open(PATIENT, DOCTOR, T0));
        store.careRelationships().between(PATIENT, DOCTOR);
        store.careRelationships().involving(DOCTOR);
        store.directory().save(new User(DOCTOR, "Dr. Ada", Role.DOCTOR, "cardiology"));
        store.directory().find(DOCTOR);
        store.conversations().getOrCreateDirect(Drafts.conversation());
        store.conversations().getOrCreateDirect(Drafts.conversation());
        store.conversations().find(CONVERSATION);
        store.conversations().findDirect(DOCTOR, PATIENT);
        store.conversations().update(CONVERSATION, c -> c.withMessage(1, PATIENT, T0.plusSeconds(1)));
        store.conversations().ofParticipant(PATIENT);
        Attachment file = new Attachment(AttachmentId.of("a_1"), PATIENT, "lab.pdf", "application/pdf", 10, T0);
        store.attachments().save(file);
        store.attachments().find(file.id());
        store.attachments().storedBytes(PATIENT);
        store.attachments().markReferenced(file.id());
        store.attachments().markUnreferenced(file.id(), T0.plusSeconds(5));
        store.attachments().unreferencedBefore(T0.plusSeconds(3600), 10);
        store.attachments().deleteIfUnreferencedBefore(file.id(), T0);
        store.messages().append(Drafts.text(1));
        store.messages().append(Drafts.text(CONVERSATION, "m_2", DOCTOR, "hello", "key-2", 2));
        store.messages().append(Drafts.text(CONVERSATION, "m_again", DOCTOR, "hello", "key-2", 3));
        store.messages().append(new MessageDraft(MessageId.of("m_3"), CONVERSATION, PATIENT, MessageType.FILE, "results",
                file.ref(), null, null, T0.plusSeconds(4), null));
        store.messages().find(MessageId.of("m_1"));
        store.messages().purgeCandidates(new org.carechat.application.port.Messages.PurgeQuery(T0.plusSeconds(60),
                Set.of(), Set.of(CONVERSATION), 10));
        store.messages().purgeCandidates(new org.carechat.application.port.Messages.PurgeQuery(T0.plusSeconds(60),
                Set.of(CONVERSATION), Set.of(), 10));
        store.messages().awaitingAcknowledgement(org.carechat.domain.message.UrgentFollowUp.NONE, T0.plusSeconds(600), 10);
        store.messages().awaitingAcknowledgement(org.carechat.domain.message.UrgentFollowUp.REMINDED, T0.plusSeconds(600), 10);
        store.auditTrail().deleteBefore(T0, Set.of(org.carechat.domain.audit.AuditAction.LEGAL_HOLD_PLACE), 10);
        store.messages().findByClientMessageId(DOCTOR, "key-2");
        store.messages().update(MessageId.of("m_1"), m -> m.react(DOCTOR, "👍"));
        store.messages().before(CONVERSATION, Long.MAX_VALUE, 50);
        store.messages().before(CONVERSATION, 3, 50);
        store.messages().after(CONVERSATION, 1, 50);
        store.messages().ofType(CONVERSATION, MessageType.CALL, 10);
        store.messages().search(List.of(CONVERSATION), "Hello", 10);
        store.messages().referencing(file.id());
        store.auditTrail().append(new AuditEntry("e_1", PATIENT, AuditAction.MESSAGE_SEND,
                List.of("conversation:c_1", "message:m_1"), T0, AuditEntry.OK));
        for (int criteria = 0; criteria < 16; criteria++) {
            store.auditTrail().query(new AuditQuery((criteria & 1) != 0 ? PATIENT : null,
                    (criteria & 2) != 0 ? "conversation:c_1" : null, (criteria & 4) != 0 ? T0.minusSeconds(1) : null,
                    (criteria & 8) != 0 ? T0.plusSeconds(1) : null, 10));
        }
        store.probe().answers();
    }

    /** The statements heard that read or change rows (not pragmas, transaction boundaries or DDL). */
    private List<String> queries() {
        return statements.stream()
                .filter(sql -> {
                    String verb = sql.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
                    return Set.of("SELECT", "UPDATE", "DELETE", "INSERT").contains(verb);
                })
                .sorted()
                .toList();
    }

    private static Map<String, List<String>> plans(SqliteStore store, List<String> queries) {
        return store.readers().read("explain", session -> {
            Map<String, List<String>> plans = new LinkedHashMap<>();
            for (String sql : queries) {
                plans.put(sql, plan(session, sql));
            }
            return plans;
        });
    }

    private static List<String> plan(Session session, String sql) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (var statement = session.connection().prepareStatement("EXPLAIN QUERY PLAN " + sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                steps.add(rows.getString("detail"));
            }
        }
        return steps;
    }

    /**
     * "SCAN t" reads the whole of t, except when it walks an index in the order asked for and stops at the limit
     * (the newest entries of the whole audit trail: "SCAN e USING INDEX audit_entries_at", nothing sorted, LIMIT).
     * json_each is the list of conversations a search was given, not a table.
     */
    private static boolean readsAWholeTable(String step, List<String> plan, String sql) {
        if (!step.startsWith("SCAN ")) {
            return false;
        }
        String table = step.substring(5).split(" ")[0];
        if (table.equals("json_each") || TINY_TABLES.contains(table)) {
            return false;
        }
        boolean walksAnIndexInOrder = step.contains(" USING INDEX ") || step.contains(" USING COVERING INDEX ");
        boolean stopsAtTheLimit = sql.endsWith(" LIMIT ?") && plan.stream().noneMatch(s -> s.contains("TEMP B-TREE"));
        return !(walksAnIndexInOrder && stopsAtTheLimit);
    }
}
