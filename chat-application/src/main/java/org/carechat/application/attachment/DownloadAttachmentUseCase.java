package org.carechat.application.attachment;

import java.io.InputStream;
import org.carechat.application.Actor;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.failure.Result;

/**
 * The bytes of a file, for its uploader and for the participants of a conversation in which a message
 * carries it; for anyone else it does not exist.
 */
public interface DownloadAttachmentUseCase {

    Result<Download> download(DownloadAttachment command);

    /**
     * @param throughSignedLink whether the caller presented a short-lived link handed to {@code actor} (see
     *                          {@link LinkAttachmentUseCase}) instead of their own token: the same rule applies,
     *                          and the audit entry says so (the target {@code via:signed_link})
     */
    record DownloadAttachment(Actor actor, AttachmentId attachmentId, boolean throughSignedLink) {
        public DownloadAttachment(Actor actor, AttachmentId attachmentId) {
            this(actor, attachmentId, false);
        }
    }

    /** The file's metadata and its bytes; the caller closes the stream. */
    record Download(Attachment attachment, InputStream content) {
    }
}
