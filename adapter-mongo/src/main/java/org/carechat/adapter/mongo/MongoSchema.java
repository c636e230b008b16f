package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.include;

import java.util.HashSet;
import java.util.Set;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The version of the stored data, and the one-time steps that bring a database written by an earlier version
 * of this adapter up to date, run when a store opens, before the indexes are created. The version is one
 * document in {@value #COLLECTION}, so an up-to-date database costs one lookup at start, not a scan.
 *
 * <p>Version 2 gave every message its {@code place} ({@code conversationId|seq}), which history pages and the
 * search for the last place read through a unique index: messages written by version 1 get it here (its
 * unique index could not even be created while several messages lacked it).
 *
 * <p>Version 3 records since when no message carries an upload ({@code unreferencedSince}, absent while one
 * does), which the deletion of unsent uploads reads: an upload of a version-2 database that no message carries
 * counts as unreferenced since it was uploaded. One pass over the messages that carry a file, one over the
 * uploads.
 *
 * <p>Version 4 marks a database whose messages may carry fields an earlier version does not know (an urgent
 * message's {@code priority}, {@code acknowledgements} and {@code followUp}): nothing to bring up to date, but from
 * here on a node refuses to open a database of a newer version than its own, since it would drop what it does not
 * know each time it rewrote a message.
 */
final class MongoSchema {
    static final String COLLECTION = "schema";
    static final int VERSION = 4;
    private static final String ID = "_id";
    private static final String KEY = "carechat";
    private static final String VERSION_FIELD = "version";

    private MongoSchema() {
    }

    /**
     * Brings the database to {@link #VERSION}; a new database is simply marked. Idempotent.
     *
     * @throws IllegalStateException when the database is of a newer version than this one, and then nothing changes
     */
    static void migrate(MongoDatabase database) {
        MongoCollection<Document> schema = database.getCollection(COLLECTION);
        Document stored = schema.find(eq(ID, KEY)).first();
        MongoCollection<Document> messages = database.getCollection(MongoIndexes.MESSAGES);
        boolean empty = messages.find().limit(1).first() == null
                && database.getCollection(MongoIndexes.ATTACHMENTS).find().limit(1).first() == null;
        int version = stored != null ? stored.getInteger(VERSION_FIELD, 1) : empty ? VERSION : 1;
        if (version > VERSION) {
            throw new IllegalStateException("the database " + database.getName() + " is of schema version " + version
                    + ", written by a newer CareChat; this one knows version " + VERSION + " and would drop what it does"
                    + " not know: run the newer version");
        }
        if (version < 2) {
            givePlaces(messages);
        }
        if (version < 3) {
            markUnsentUploads(messages, database.getCollection(MongoIndexes.ATTACHMENTS));
        }
        if (stored == null || version < VERSION) {
            schema.replaceOne(eq(ID, KEY), new Document(ID, KEY).append(VERSION_FIELD, VERSION),
                    new ReplaceOptions().upsert(true));
        }
    }

    private static void markUnsentUploads(MongoCollection<Document> messages, MongoCollection<Document> attachments) {
        Set<Object> carried = new HashSet<>();
        for (Document message : messages.find(exists(MessageMapper.ATTACHMENT_ID, true))
                .projection(include(MessageMapper.ATTACHMENT_ID))) {
            Document attachment = message.get(MessageMapper.ATTACHMENT, Document.class);
            if (attachment != null && attachment.get(MessageMapper.REF_ID) != null) {
                carried.add(attachment.get(MessageMapper.REF_ID));
            }
        }
        for (Document upload : attachments.find(exists(AttachmentMapper.UNREFERENCED_SINCE, false))
                .projection(include(AttachmentMapper.ID, AttachmentMapper.CREATED_AT))) {
            if (!carried.contains(upload.get(AttachmentMapper.ID))) {
                attachments.updateOne(eq(ID, upload.get(ID)),
                        Updates.set(AttachmentMapper.UNREFERENCED_SINCE, upload.get(AttachmentMapper.CREATED_AT)));
            }
        }
    }

    private static void givePlaces(MongoCollection<Document> messages) {
        for (Document message : messages.find(exists(MessageMapper.PLACE, false))
                .projection(include(MessageMapper.ID, MessageMapper.CONVERSATION_ID, MessageMapper.SEQ))) {
            String place = MessageMapper.place(Fields.requiredString(message, MessageMapper.CONVERSATION_ID),
                    Fields.longValue(message, MessageMapper.SEQ));
            messages.updateOne(eq(ID, message.get(ID)), Updates.set(MessageMapper.PLACE, place));
        }
    }
}
