package org.carechat.adapter.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * Replace the document with this id, or insert it. Two upserts of a new id may both try to insert; the
 * {@code _id} index lets one through and the other, refused as a duplicate, then finds the document and
 * replaces it.
 */
final class Upsert {
    private static final int ATTEMPTS = 3;

    private Upsert() {
    }

    static void byId(MongoCollection<Document> collection, String id, Document document) {
        for (int attempt = 1; ; attempt++) {
            try {
                collection.replaceOne(eq("_id", id), document, new ReplaceOptions().upsert(true));
                return;
            } catch (MongoException e) {
                if (MongoErrors.duplicateKeyIndex(e).isEmpty() || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
