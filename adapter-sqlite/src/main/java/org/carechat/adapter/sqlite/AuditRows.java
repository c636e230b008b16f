package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.user.UserId;

/**
 * The audit trail's tables: {@code audit_entries}, one row per entry (its targets in order, as JSON), and
 * {@code audit_targets}, one row per target of an entry, keyed by target and time, so that the trail of one id is
 * read newest first from its index. A query by target starts there; one by actor from {@code (actor, at, id)};
 * one by time only from {@code (at, id)}. Entries of the same instant come newest id first, as on MongoDB.
 */
final class AuditRows {
    private static final String COLUMNS = "e.id, e.actor, e.action, e.targets, e.at, e.outcome";
    static final String INSERT = "INSERT INTO audit_entries (id, actor, action, targets, at, outcome)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    static final String INSERT_TARGET = "INSERT OR IGNORE INTO audit_targets (target, at, entry_id) VALUES (?, ?, ?)";

    private AuditRows() {
    }

    /** Appends the entry; one whose id is stored already (a retry) changes nothing. Writer only. */
    static void append(Session session, AuditEntry entry) throws SQLException {
        PreparedStatement statement = session.prepared(INSERT);
        statement.setString(1, entry.id());
        statement.setString(2, entry.actor().value());
        statement.setString(3, entry.action().name());
        statement.setString(4, JsonArrays.strings(entry.targets()));
        Millis.bind(statement, 5, entry.at());
        statement.setString(6, entry.outcome());
        if (statement.executeUpdate() == 0) {
            return;
        }
        PreparedStatement target = session.prepared(INSERT_TARGET);
        for (String each : entry.targets()) {
            target.setString(1, each);
            Millis.bind(target, 2, entry.at());
            target.setString(3, entry.id());
            target.executeUpdate();
        }
    }

    static final String OLDEST = "SELECT id, targets, at FROM audit_entries INDEXED BY audit_entries_at WHERE at < ?"
            + " AND action NOT IN (SELECT value FROM json_each(?)) ORDER BY at, id LIMIT ?";
    static final String DELETE = "DELETE FROM audit_entries WHERE id = ?";
    static final String DELETE_TARGET = "DELETE FROM audit_targets WHERE target = ? AND at = ? AND entry_id = ?";

    /** Deletes the oldest entries before the cutoff, but none of the kept actions, with their targets' rows. Writer only. */
    static int deleteBefore(Session session, Instant cutoff, Set<AuditAction> keep, int limit) throws SQLException {
        PreparedStatement oldest = session.prepared(OLDEST);
        oldest.setLong(1, Millis.roundedUp(cutoff));
        oldest.setString(2, JsonArrays.strings(keep.stream().map(AuditAction::name).toList()));
        oldest.setInt(3, limit);
        List<String[]> found = new ArrayList<>();
        try (ResultSet rows = oldest.executeQuery()) {
            while (rows.next()) {
                found.add(new String[] {Columns.requiredText(rows, 1), Columns.requiredText(rows, 2),
                        Long.toString(rows.getLong(3))});
            }
        }
        PreparedStatement entry = session.prepared(DELETE);
        PreparedStatement target = session.prepared(DELETE_TARGET);
        for (String[] row : found) {
            for (String each : JsonArrays.readStrings(row[1])) {
                target.setString(1, each);
                target.setLong(2, Long.parseLong(row[2]));
                target.setString(3, row[0]);
                target.executeUpdate();
            }
            entry.setString(1, row[0]);
            entry.executeUpdate();
        }
        return found.size();
    }

    static List<AuditEntry> query(Session session, AuditQuery query) throws SQLException {
        PreparedStatement statement = session.prepared(sql(query));
        int i = 1;
        if (query.target() != null) {
            statement.setString(i++, query.target());
        }
        if (query.actor() != null) {
            statement.setString(i++, query.actor().value());
        }
        if (query.from() != null) {
            statement.setLong(i++, Millis.roundedUp(query.from()));
        }
        if (query.to() != null) {
            statement.setLong(i++, Millis.roundedUp(query.to()));
        }
        statement.setInt(i, query.limit());
        List<AuditEntry> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new AuditEntry(Columns.requiredText(rows, 1), UserId.of(Columns.requiredText(rows, 2)),
                        AuditAction.valueOf(Columns.requiredText(rows, 3)),
                        JsonArrays.readStrings(Columns.requiredText(rows, 4)), Millis.required(rows, 5),
                        Columns.requiredText(rows, 6)));
            }
        }
        return List.copyOf(found);
    }

    /** One of sixteen statements, by which criteria are given: each prepared once per connection. */
    static String sql(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS);
        String at;
        String id;
        List<String> criteria = new ArrayList<>();
        if (query.target() != null) {
            sql.append(" FROM audit_targets t JOIN audit_entries e ON e.id = t.entry_id");
            criteria.add("t.target = ?");
            at = "t.at";
            id = "t.entry_id";
        } else {
            sql.append(" FROM audit_entries e");
            at = "e.at";
            id = "e.id";
        }
        if (query.actor() != null) {
            criteria.add("e.actor = ?");
        }
        if (query.from() != null) {
            criteria.add(at + " >= ?");
        }
        if (query.to() != null) {
            criteria.add(at + " < ?");
        }
        if (!criteria.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", criteria));
        }
        return sql.append(" ORDER BY ").append(at).append(" DESC, ").append(id).append(" DESC LIMIT ?").toString();
    }
}
