package org.carechat.domain.attachment;

import org.carechat.domain.common.Ids;

/** Identifies an uploaded file. Opaque to clients. */
public record AttachmentId(String value) {
    public AttachmentId {
        Ids.requireWellFormed(value, "attachment id");
    }

    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
