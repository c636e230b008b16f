package org.carechat.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/**
 * The metadata of uploaded files; their bytes live in {@link Blobs}. Besides finding a file, the store keeps
 * what the quota and the retention of unsent files need: how much each uploader stores, and since when no
 * message carries a file ({@link Attachment#unreferencedSince()}).
 */
public interface Attachments {

    /** Stores the metadata, replacing what was stored under the same id. */
    void save(Attachment attachment);

    Optional<Attachment> find(AttachmentId id);

    /** The total size of the files {@code uploader} uploaded that are still stored (0 when none). */
    long storedBytes(UserId uploader);

    /**
     * Records that a message carries the file, atomically: from now on it is not deleted as unreferenced. False
     * when there is no such file (deleted meanwhile), and then a message must not carry it.
     */
    boolean markReferenced(AttachmentId id);

    /** Records that no message has carried the file since {@code since}; nothing happens when there is no such file. */
    void markUnreferenced(AttachmentId id, Instant since);

    /**
     * Up to {@code limit} (at least 1) files that no message has carried since before {@code cutoff}, those
     * unreferenced the longest first.
     */
    List<Attachment> unreferencedBefore(Instant cutoff, int limit);

    /**
     * Deletes the file's metadata if, at this very moment, no message has carried it since before {@code cutoff};
     * atomic with {@link #markReferenced}, so a file a message just took is never deleted. True when it deleted.
     */
    boolean deleteIfUnreferencedBefore(AttachmentId id, Instant cutoff);
}
