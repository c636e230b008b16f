package org.carechat.domain.message;

import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.common.Require;

/** The file a message carries, as recipients see it before they download it. */
public record AttachmentRef(AttachmentId id, String name, String mimeType, long size) {
    public AttachmentRef {
        Require.nonNull(id, "id");
        Require.nonBlank(name, "name");
        Require.nonBlank(mimeType, "mimeType");
        Require.nonNegative(size, "size");
    }
}
