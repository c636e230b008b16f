package org.carechat.application.port;

import java.util.Optional;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;

/** The metadata of uploaded files; their bytes live in {@link Blobs}. */
public interface Attachments {

    void save(Attachment attachment);

    Optional<Attachment> find(AttachmentId id);
}
