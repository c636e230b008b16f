package org.carechat.adapter.inmemory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.application.port.Blobs;
import org.carechat.domain.attachment.AttachmentId;

/**
 * The bytes of uploaded files, kept in memory. A file becomes visible only once it was read to its end,
 * so an upload that fails midway leaves nothing behind.
 */
public final class InMemoryBlobs implements Blobs {
    private final ConcurrentHashMap<AttachmentId, byte[]> byId = new ConcurrentHashMap<>();

    @Override
    public long write(AttachmentId id, InputStream content) throws IOException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        content.transferTo(buffer);
        byte[] bytes = buffer.toByteArray();
        byId.put(id, bytes);
        return bytes.length;
    }

    @Override
    public Optional<InputStream> open(AttachmentId id) {
        byte[] bytes = byId.get(id);
        return bytes == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(bytes));
    }

    @Override
    public void delete(AttachmentId id) {
        byId.remove(id);
    }
}
