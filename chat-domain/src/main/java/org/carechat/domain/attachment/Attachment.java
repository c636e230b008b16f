package org.carechat.domain.attachment;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.user.UserId;

/**
 * An uploaded file's metadata. Its bytes live in blob storage under the same id. Only its uploader
 * may attach it to a message; only the uploader and the participants of a conversation whose message
 * references it may download it.
 */
public record Attachment(AttachmentId id, UserId uploader, String name, String mimeType, long size, Instant createdAt) {
    public Attachment {
        Require.nonNull(id, "id");
        Require.nonNull(uploader, "uploader");
        Require.nonBlank(name, "name");
        Require.nonBlank(mimeType, "mimeType");
        Require.nonNegative(size, "size");
        Require.nonNull(createdAt, "createdAt");
    }

    public AttachmentRef ref() {
        return new AttachmentRef(id, name, mimeType, size);
    }
}
