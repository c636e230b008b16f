package org.carechat.domain.attachment;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.user.UserId;

/**
 * An uploaded file's metadata. Its bytes live in blob storage under the same id. Only its uploader
 * may attach it to a message; only the uploader and the participants of a conversation whose message
 * references it may download it.
 *
 * <p>A file no message carries is kept for a while only ({@link AttachmentRules#unreferencedRetention()}):
 * {@code unreferencedSince} says since when no message carries it (its upload, or the deletion of the message
 * that carried it), and is null while a message carries it.
 */
public record Attachment(AttachmentId id, UserId uploader, String name, String mimeType, long size, Instant createdAt,
                         Instant unreferencedSince) {
    public Attachment {
        Require.nonNull(id, "id");
        Require.nonNull(uploader, "uploader");
        Require.nonBlank(name, "name");
        Require.nonBlank(mimeType, "mimeType");
        Require.nonNegative(size, "size");
        Require.nonNull(createdAt, "createdAt");
    }

    /** A file just uploaded: no message carries it yet. */
    public Attachment(AttachmentId id, UserId uploader, String name, String mimeType, long size, Instant createdAt) {
        this(id, uploader, name, mimeType, size, createdAt, createdAt);
    }

    public AttachmentRef ref() {
        return new AttachmentRef(id, name, mimeType, size);
    }

    /** Does a message carry the file? */
    public boolean isReferenced() {
        return unreferencedSince == null;
    }

    /** The same file, carried by a message. */
    public Attachment referenced() {
        return new Attachment(id, uploader, name, mimeType, size, createdAt, null);
    }

    /** The same file, carried by no message since {@code since}. */
    public Attachment unreferencedFrom(Instant since) {
        Require.nonNull(since, "since");
        return new Attachment(id, uploader, name, mimeType, size, createdAt, since);
    }
}
