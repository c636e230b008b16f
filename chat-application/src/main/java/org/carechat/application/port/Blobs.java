package org.carechat.application.port;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.carechat.domain.attachment.AttachmentId;

/** The bytes of uploaded files, streamed in and out, never held whole in memory by the core. */
public interface Blobs {

    /**
     * Stores everything {@code content} yields under {@code id}. When reading {@code content} fails
     * (with any exception, such as the size limit), nothing is kept and the exception propagates.
     *
     * @return the number of bytes stored
     */
    long write(AttachmentId id, InputStream content) throws IOException;

    /** The bytes stored under {@code id}; the caller closes the stream. */
    Optional<InputStream> open(AttachmentId id) throws IOException;

    void delete(AttachmentId id) throws IOException;
}
