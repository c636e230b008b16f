package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class MongoIndexesTest {
    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void starting_twice_on_the_same_database_creates_each_index_once() {
        MongoStoreSettings settings = mongo.freshSettings();
        try (MongoStore first = MongoStore.open(settings)) {
            Map<String, Map<String, Document>> before = indexes(first.databaseName());

            try (MongoStore second = MongoStore.open(settings)) {
                assertThat(indexes(second.databaseName())).isEqualTo(before);
            }
        }
    }

    @Test
    void every_expected_index_exists_with_its_keys_and_options() {
        MongoStoreSettings settings = mongo.freshSettings();
        try (MongoStore store = MongoStore.open(settings)) {
            Map<String, Map<String, Document>> indexes = indexes(store.databaseName());

            Map<String, Document> messages = indexes.get("messages");
            assertIndex(messages.get("conversation_seq"), new Document("conversationId", 1).append("seq", 1), true, false);
            assertIndex(messages.get("place"), new Document("place", 1), true, false);
            assertIndex(messages.get("sender_client_message_id"), new Document("clientKey", 1), true, true);
            assertIndex(messages.get("id_version"), new Document("_id", 1).append("v", 1), true, false);
            assertIndex(messages.get("id_inserted_by"), new Document("_id", 1).append("insertedBy", 1), true, false);
            assertIndex(messages.get("attachment"), new Document("attachment.id", 1), false, true);
            assertIndex(messages.get("priority_follow_up_created"),
                    new Document("priority", 1).append("followUp", 1).append("createdAt", 1), false, false);

            Map<String, Document> conversations = indexes.get("conversations");
            assertIndex(conversations.get("participant_updated"),
                    new Document("participants", 1).append("updatedAt", -1), false, false);
            assertIndex(conversations.get("direct_pair"), new Document("directKey", 1), true, true);
            assertIndex(conversations.get("id_version"), new Document("_id", 1).append("v", 1), true, false);

            Map<String, Document> care = indexes.get("care_relationships");
            assertIndex(care.get("patient_clinician"), new Document("patient", 1).append("clinician", 1), true, false);
            assertIndex(care.get("clinician"), new Document("clinician", 1), false, false);

            Map<String, Document> audit = indexes.get("audit");
            assertIndex(audit.get("actor_at"), new Document("actor", 1).append("at", -1), false, false);
            assertIndex(audit.get("targets_at"), new Document("targets", 1).append("at", -1), false, false);
            assertIndex(audit.get("at"), new Document("at", -1), false, false);

            Map<String, Document> attachments = indexes.get("attachments");
            assertIndex(attachments.get("uploader"), new Document("uploader", 1), false, false);
            assertIndex(attachments.get("unreferenced_since"), new Document("unreferencedSince", 1).append("_id", 1),
                    false, true);
        }
    }

    private Map<String, Map<String, Document>> indexes(String databaseName) {
        MongoDatabase database = mongo.adminClient().getDatabase(databaseName);
        Map<String, Map<String, Document>> byCollection = new LinkedHashMap<>();
        for (String collection : List.of("messages", "conversations", "care_relationships", "audit", "attachments")) {
            Map<String, Document> byName = new LinkedHashMap<>();
            for (Document index : database.getCollection(collection).listIndexes().into(new ArrayList<>())) {
                byName.put(index.getString("name"), index);
            }
            byCollection.put(collection, byName);
        }
        return byCollection;
    }

    private static void assertIndex(Document index, Document keys, boolean unique, boolean sparse) {
        assertThat(index).as("index with keys " + keys).isNotNull();
        Document actualKeys = index.get("key", Document.class);
        assertThat(new ArrayList<>(actualKeys.keySet())).containsExactlyElementsOf(keys.keySet());
        keys.forEach((field, direction) -> assertThat(((Number) actualKeys.get(field)).intValue())
                .as("direction of " + field).isEqualTo(direction));
        assertThat(index.getBoolean("unique", false)).as("unique " + keys).isEqualTo(unique);
        assertThat(index.getBoolean("sparse", false)).as("sparse " + keys).isEqualTo(sparse);
    }
}
