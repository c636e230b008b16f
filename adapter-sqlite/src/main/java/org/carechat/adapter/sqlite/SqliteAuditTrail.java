package org.carechat.adapter.sqlite;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;

/**
 * The audit trail in SQLite ({@link AuditRows}), append-only: an entry and its targets' rows are written by one
 * operation of the writer, so a query never sees an entry without its targets. Appending an id stored already (a
 * retry after a lost acknowledgement) changes nothing. Queries combine the given criteria, newest first.
 */
final class SqliteAuditTrail implements AuditTrail {
    private final SqliteWriter writer;
    private final Readers readers;

    SqliteAuditTrail(SqliteWriter writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public void append(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        writer.write("append an audit entry", session -> {
            AuditRows.append(session, entry);
            return null;
        });
    }

    @Override
    public int deleteBefore(Instant cutoff, Set<AuditAction> keep, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(keep, "keep");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return writer.write("delete old audit entries", session -> AuditRows.deleteBefore(session, cutoff, keep, limit));
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return readers.read("query the audit trail", session -> AuditRows.query(session, query));
    }
}
