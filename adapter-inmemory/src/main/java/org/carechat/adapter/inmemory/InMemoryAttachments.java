package org.carechat.adapter.inmemory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;

/** The metadata of uploaded files, kept in memory; their bytes are in {@link InMemoryBlobs}. */
public final class InMemoryAttachments implements Attachments {
    private final ConcurrentHashMap<AttachmentId, Attachment> byId = new ConcurrentHashMap<>();

    @Override
    public void save(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        byId.put(attachment.id(), attachment);
    }

    @Override
    public Optional<Attachment> find(AttachmentId id) {
        return Optional.ofNullable(byId.get(id));
    }
}
