package org.carechat.adapter.mongo;

import org.bson.Document;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/** An upload's metadata as a document; the bytes are elsewhere. */
final class AttachmentMapper {
    static final String ID = "_id";
    static final String UPLOADER = "uploader";
    static final String NAME = "name";
    static final String MIME_TYPE = "mimeType";
    static final String SIZE = "size";
    static final String CREATED_AT = "createdAt";
    /** Absent while a message carries the file, so the sparse index of the retention holds unsent files only. */
    static final String UNREFERENCED_SINCE = "unreferencedSince";

    private AttachmentMapper() {
    }

    static Document toDocument(Attachment attachment) {
        Document document = new Document(ID, attachment.id().value())
                .append(UPLOADER, attachment.uploader().value())
                .append(NAME, attachment.name())
                .append(MIME_TYPE, attachment.mimeType())
                .append(SIZE, attachment.size())
                .append(CREATED_AT, Fields.date(attachment.createdAt()));
        if (attachment.unreferencedSince() != null) {
            document.append(UNREFERENCED_SINCE, Fields.date(attachment.unreferencedSince()));
        }
        return document;
    }

    static Attachment fromDocument(Document document) {
        return new Attachment(AttachmentId.of(Fields.requiredString(document, ID)),
                UserId.of(Fields.requiredString(document, UPLOADER)), Fields.requiredString(document, NAME),
                Fields.requiredString(document, MIME_TYPE), Fields.longValue(document, SIZE),
                Fields.requiredInstant(document, CREATED_AT), Fields.instant(document, UNREFERENCED_SINCE));
    }
}
