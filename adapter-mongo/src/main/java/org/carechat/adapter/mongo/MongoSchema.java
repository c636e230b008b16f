package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.include;

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
 */
final class MongoSchema {
    static final String COLLECTION = "schema";
    static final int VERSION = 2;
    private static final String ID = "_id";
    private static final String KEY = "carechat";
    private static final String VERSION_FIELD = "version";

    private MongoSchema() {
    }

    /** Brings the database to {@link #VERSION}; a new database is simply marked. Idempotent. */
    static void migrate(MongoDatabase database) {
        MongoCollection<Document> schema = database.getCollection(COLLECTION);
        Document stored = schema.find(eq(ID, KEY)).first();
        MongoCollection<Document> messages = database.getCollection(MongoIndexes.MESSAGES);
        int version = stored != null ? stored.getInteger(VERSION_FIELD, 1)
                : messages.find().limit(1).first() == null ? VERSION : 1;
        if (version < 2) {
            givePlaces(messages);
        }
        if (stored == null || version < VERSION) {
            schema.replaceOne(eq(ID, KEY), new Document(ID, KEY).append(VERSION_FIELD, VERSION),
                    new ReplaceOptions().upsert(true));
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
