package org.carechat.application.attachment;

import java.io.InputStream;
import org.carechat.application.Actor;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.failure.Result;

/**
 * Stores an uploaded file, streamed, after checking its size and its type on its first bytes. Only its
 * uploader may then attach it to a message.
 */
public interface UploadAttachmentUseCase {

    Result<Attachment> upload(Upload command);

    /**
     * @param declaredType  the Content-Type the client declared, or null
     * @param fileName      the name the client gave, or null
     * @param announcedSize the length the client announced (Content-Length), or null
     */
    record Upload(Actor actor, InputStream content, String declaredType, String fileName, Long announcedSize) {
    }
}
