package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.carechat.application.port.Attachments;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.user.UserId;

/**
 * The metadata of uploads in MongoDB, one document per attachment keyed by its id ({@link AttachmentMapper}).
 * Saving again replaces it. A file a message carries has no {@code unreferencedSince}: taking a file
 * ({@link #markReferenced}) and deleting it while unreferenced ({@link #deleteIfUnreferencedBefore}) are each one
 * single-document operation, so they are atomic with each other. The sum of an uploader's files is an aggregation
 * on the {@code uploader} index, the files due for deletion a range on the sparse {@code unreferenced_since} one.
 */
public final class MongoAttachments implements Attachments {
    private static final String TOTAL = "total";

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

    @Override
    public long storedBytes(UserId uploader) {
        Objects.requireNonNull(uploader, "uploader");
        return MongoErrors.call("sum an uploader's attachments", () -> {
            Document sum = attachments.aggregate(List.of(
                    Aggregates.match(eq(AttachmentMapper.UPLOADER, uploader.value())),
                    Aggregates.group(null, Accumulators.sum(TOTAL, "$" + AttachmentMapper.SIZE)))).first();
            return sum == null ? 0L : ((Number) sum.get(TOTAL)).longValue();
        });
    }

    @Override
    public boolean markReferenced(AttachmentId id) {
        Objects.requireNonNull(id, "id");
        return MongoErrors.call("mark an attachment referenced", () -> attachments.updateOne(
                eq(AttachmentMapper.ID, id.value()), Updates.unset(AttachmentMapper.UNREFERENCED_SINCE)).getMatchedCount() > 0);
    }

    @Override
    public void markUnreferenced(AttachmentId id, Instant since) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(since, "since");
        MongoErrors.run("mark an attachment unreferenced", () -> attachments.updateOne(eq(AttachmentMapper.ID, id.value()),
                Updates.set(AttachmentMapper.UNREFERENCED_SINCE, Fields.date(since))));
    }

    @Override
    public List<Attachment> unreferencedBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return MongoErrors.call("find unreferenced attachments", () -> {
            List<Attachment> due = new ArrayList<>();
            for (Document document : attachments.find(unreferencedBeforeFilter(cutoff))
                    .sort(Sorts.ascending(AttachmentMapper.UNREFERENCED_SINCE, AttachmentMapper.ID))
                    .limit(limit)) {
                due.add(AttachmentMapper.fromDocument(document));
            }
            return due;
        });
    }

    @Override
    public boolean deleteIfUnreferencedBefore(AttachmentId id, Instant cutoff) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cutoff, "cutoff");
        return MongoErrors.call("delete an unreferenced attachment", () -> attachments.deleteOne(
                and(eq(AttachmentMapper.ID, id.value()), unreferencedBeforeFilter(cutoff))).getDeletedCount() > 0);
    }

    /** Stored instants are whole milliseconds: before {@code cutoff} is before its first millisecond at or after it. */
    private static Bson unreferencedBeforeFilter(Instant cutoff) {
        return lt(AttachmentMapper.UNREFERENCED_SINCE, Fields.dateRoundedUp(cutoff));
    }
}
