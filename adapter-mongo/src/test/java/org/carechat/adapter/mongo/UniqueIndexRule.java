package org.carechat.adapter.mongo;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * mongo-java-server's rule for using an index (AbstractUniqueIndex.canHandle): only a unique index, and only
 * for a filter whose keys are exactly the index's keys, with plain values, or {@code $in} on a single-field
 * one. Any other filter is answered by reading every document of the collection. A filter on {@code _id} and
 * another field is such a scan, although {@code _id} alone would find the document: unless a unique index
 * names exactly both, as {@code (_id, v)} does for compare-and-sets.
 */
final class UniqueIndexRule {
    private static final Set<String> FILTERED = Set.of("find", "update", "delete", "findAndModify", "count");

    private UniqueIndexRule() {
    }

    /** The filters of {@code commands} that mongo-java-server answers by a scan, as "collection command filter". */
    static List<String> scans(List<BsonDocument> commands, MongoDatabase database) {
        Map<String, List<Set<String>>> unique = uniqueIndexKeys(database);
        List<String> scans = new ArrayList<>();
        for (BsonDocument command : commands) {
            String name = command.getFirstKey();
            if (!FILTERED.contains(name)) {
                continue;
            }
            String collection = command.getString(name).getValue();
            for (BsonDocument filter : filtersOf(name, command)) {
                if (!answeredByUniqueIndex(filter, unique.getOrDefault(collection, List.of()))) {
                    scans.add(collection + " " + name + " " + filter.toJson());
                }
            }
        }
        return scans;
    }

    /** How many filters {@code commands} carry. */
    static int filters(List<BsonDocument> commands) {
        int filters = 0;
        for (BsonDocument command : commands) {
            String name = command.getFirstKey();
            if (FILTERED.contains(name)) {
                filters += filtersOf(name, command).size();
            }
        }
        return filters;
    }

    static List<BsonDocument> filtersOf(String name, BsonDocument command) {
        return switch (name) {
            case "find", "count", "findAndModify" -> List.of(command.getDocument(name.equals("findAndModify") ? "query" : "filter",
                    new BsonDocument()));
            case "update", "delete" -> command.getArray(name.equals("update") ? "updates" : "deletes").stream()
                    .map(statement -> statement.asDocument().getDocument("q")).toList();
            default -> List.of();
        };
    }

    static boolean answeredByUniqueIndex(BsonDocument filter, List<Set<String>> uniqueIndexes) {
        Set<String> keys = new HashSet<>(filter.keySet());
        for (Set<String> index : uniqueIndexes) {
            if (!index.equals(keys)) {
                continue;
            }
            boolean plain = true;
            for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
                BsonValue value = entry.getValue();
                if (value.isDocument()) {
                    boolean inOnSingleField = index.size() == 1 && value.asDocument().keySet().equals(Set.of("$in"));
                    plain &= inOnSingleField;
                }
            }
            if (plain) {
                return true;
            }
        }
        return false;
    }

    static Map<String, List<Set<String>>> uniqueIndexKeys(MongoDatabase database) {
        Map<String, List<Set<String>>> result = new HashMap<>();
        for (String collection : database.listCollectionNames()) {
            List<Set<String>> keys = new ArrayList<>();
            keys.add(Set.of("_id"));
            for (Document index : database.getCollection(collection).listIndexes()) {
                if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                    keys.add(index.get("key", Document.class).keySet());
                }
            }
            result.put(collection, keys);
        }
        return result;
    }
}
