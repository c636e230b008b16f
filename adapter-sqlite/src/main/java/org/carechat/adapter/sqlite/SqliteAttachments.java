package org.carechat.adapter.sqlite;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/**
 * The metadata of uploads in SQLite ({@link AttachmentRows}). Taking a file ({@link #markReferenced}) and
 * deleting it while unreferenced ({@link #deleteIfUnreferencedBefore}) are each one statement of the one writer,
 * so one always happens wholly before the other: a file a message just took is never deleted.
 */
final class SqliteAttachments implements Attachments {
    private final SqliteWriter writer;
    private final Readers readers;

    SqliteAttachments(SqliteWriter writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public void save(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        writer.write("save an attachment", session -> {
            AttachmentRows.save(session, attachment);
            return null;
        });
    }

    @Override
    public Optional<Attachment> find(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return readers.read("find an attachment", session -> AttachmentRows.find(session, id));
    }

    @Override
    public long storedBytes(UserId uploader) {
        Objects.requireNonNull(uploader, "uploader");
        return readers.read("sum an uploader's attachments", session -> AttachmentRows.storedBytes(session, uploader));
    }

    @Override
    public boolean markReferenced(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return writer.write("mark an attachment referenced", session -> AttachmentRows.markReferenced(session, id));
    }

    @Override
    public void markUnreferenced(AttachmentId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        writer.write("mark an attachment unreferenced", session -> {
            AttachmentRows.markUnreferenced(session, id, since);
            return null;
        });
    }

    @Override
    public List<Attachment> unreferencedBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return readers.read("find unreferenced attachments",
                session -> AttachmentRows.unreferencedBefore(session, cutoff, limit));
    }

    @Override
    public boolean deleteIfUnreferencedBefore(AttachmentId id, Instant cutoff) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cutoff, "cutoff");
        return writer.write("delete an unreferenced attachment",
                session -> AttachmentRows.deleteIfUnreferencedBefore(session, id, cutoff));
    }
}
