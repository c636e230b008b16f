package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;

/**
 * The metadata of uploads in MongoDB, one document per attachment keyed by its id ({@link AttachmentMapper}).
 * Saving again replaces it.
 */
public final class MongoAttachments implements Attachments {
    private final MongoCollection<Document> attachments;

    MongoAttachments(MongoCollection<Document> attachments) {
        this.attachments = attachments;
    }

    @Override
    public void save(Attachment attachment) {
        Objects.requireNonNull(attachment, "attachment");
        Document document = AttachmentMapper.toDocument(attachment);
        MongoErrors.run("save an attachment", () -> Upsert.byId(attachments, attachment.id().value(), document));
    }

    @Override
    public Optional<Attachment> find(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return MongoErrors.call("find an attachment", () -> Optional.ofNullable(
                attachments.find(eq(AttachmentMapper.ID, id.value())).first()).map(AttachmentMapper::fromDocument));
    }
}
