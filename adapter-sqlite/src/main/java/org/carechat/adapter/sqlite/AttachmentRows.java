package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/**
 * The {@code attachments} table: an upload's metadata, one row per id. {@code unreferenced_since} is NULL while a
 * message carries the file; the files due for deletion are a range of its partial index, and the bytes an uploader
 * stores a sum over the {@code (uploader, size)} index alone.
 */
final class AttachmentRows {
    private static final String COLUMNS = "id, uploader, name, mime_type, size, created_at, unreferenced_since";
    static final String SAVE = "INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET uploader = excluded.uploader, name = excluded.name,"
            + " mime_type = excluded.mime_type, size = excluded.size, created_at = excluded.created_at,"
            + " unreferenced_since = excluded.unreferenced_since";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM attachments WHERE id = ?";
    static final String STORED_BYTES = "SELECT coalesce(sum(size), 0) FROM attachments WHERE uploader = ?";
    static final String MARK_REFERENCED = "UPDATE attachments SET unreferenced_since = NULL WHERE id = ?";
    static final String MARK_UNREFERENCED = "UPDATE attachments SET unreferenced_since = ? WHERE id = ?";
    static final String UNREFERENCED_BEFORE = "SELECT " + COLUMNS + " FROM attachments"
            + " WHERE unreferenced_since IS NOT NULL AND unreferenced_since < ? ORDER BY unreferenced_since, id LIMIT ?";
    static final String DELETE_IF_UNREFERENCED_BEFORE = "DELETE FROM attachments"
            + " WHERE id = ? AND unreferenced_since IS NOT NULL AND unreferenced_since < ?";

    private AttachmentRows() {
    }

    static void save(Session session, Attachment a) throws SQLException {
        PreparedStatement statement = session.prepared(SAVE);
        statement.setString(1, a.id().value());
        statement.setString(2, a.uploader().value());
        statement.setString(3, a.name());
        statement.setString(4, a.mimeType());
        statement.setLong(5, a.size());
        Millis.bind(statement, 6, a.createdAt());
        Millis.bind(statement, 7, a.unreferencedSince());
        statement.executeUpdate();
    }

    static Optional<Attachment> find(Session session, AttachmentId id) throws SQLException {
        PreparedStatement statement = session.prepared(BY_ID);
        statement.setString(1, id.value());
        List<Attachment> found = list(statement);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static long storedBytes(Session session, UserId uploader) throws SQLException {
        PreparedStatement statement = session.prepared(STORED_BYTES);
        statement.setString(1, uploader.value());
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** True when the file exists (referenced now, whether it was before or not). */
    static boolean markReferenced(Session session, AttachmentId id) throws SQLException {
        PreparedStatement statement = session.prepared(MARK_REFERENCED);
        statement.setString(1, id.value());
        return statement.executeUpdate() > 0;
    }

    static void markUnreferenced(Session session, AttachmentId id, Instant since) throws SQLException {
        PreparedStatement statement = session.prepared(MARK_UNREFERENCED);
        Millis.bind(statement, 1, since);
        statement.setString(2, id.value());
        statement.executeUpdate();
    }

    static List<Attachment> unreferencedBefore(Session session, Instant cutoff, int limit) throws SQLException {
        PreparedStatement statement = session.prepared(UNREFERENCED_BEFORE);
        statement.setLong(1, Millis.roundedUp(cutoff));
        statement.setInt(2, limit);
        return list(statement);
    }

    static boolean deleteIfUnreferencedBefore(Session session, AttachmentId id, Instant cutoff) throws SQLException {
        PreparedStatement statement = session.prepared(DELETE_IF_UNREFERENCED_BEFORE);
        statement.setString(1, id.value());
        statement.setLong(2, Millis.roundedUp(cutoff));
        return statement.executeUpdate() > 0;
    }

    private static List<Attachment> list(PreparedStatement statement) throws SQLException {
        List<Attachment> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(new Attachment(AttachmentId.of(Columns.requiredText(rows, 1)),
                        UserId.of(Columns.requiredText(rows, 2)), Columns.requiredText(rows, 3),
                        Columns.requiredText(rows, 4), rows.getLong(5), Millis.required(rows, 6), Millis.read(rows, 7)));
            }
        }
        return List.copyOf(found);
    }
}
