package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded store (mongo-java-server) uses an index only when a filter names exactly the keys of a unique
 * index, with plain values, or {@code $in} on a single-field one; any other filter is answered by reading every
 * document of the collection. The operations a message passes through (the care check, the append, the
 * conversation's update, a history page each way, a reaction) must all be such filters, or the default store
 * slows down with every message stored. This test reads the commands the driver really sends.
 */
final class IndexedQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final Set<String> FILTERED = Set.of("find", "update", "delete", "findAndModify", "count");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    private final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

    @Test
    void the_operations_of_a_message_only_filter_on_exactly_the_keys_of_a_unique_index() {
        MongoStoreSettings settings = mongo.freshSettings();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.add(event.getCommand().clone());
                    }
                })
                .build())) {
            MongoDatabase database = client.getDatabase(settings.databaseName());
            MongoIndexes.createAll(database);
            MongoCareRelationships care = new MongoCareRelationships(database.getCollection(MongoIndexes.CARE_RELATIONSHIPS));
            MongoConversations conversations = new MongoConversations(
                    database.getCollection(MongoIndexes.CONVERSATIONS), Duration.ofSeconds(5));
            MongoMessages messages = new MongoMessages(database.getCollection(MongoIndexes.MESSAGES), Duration.ofSeconds(5));
            care.save(new CareRelationship(PATIENT, DOCTOR, null, T0, T0.plusSeconds(86_400), null));
            Conversation conversation = conversations.getOrCreateDirect(
                    Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
            ConversationId id = conversation.id();
            for (int n = 1; n <= 30; n++) {
                messages.append(new MessageDraft(MessageId.of("m_" + n), id, PATIENT, MessageType.TEXT, "hello " + n,
                        null, null, "client-" + n, T0.plusSeconds(n), null));
            }
            // a second store instance knows no hint: it must find the end of the log by index lookups too
            MongoMessages cold = new MongoMessages(database.getCollection(MongoIndexes.MESSAGES), Duration.ofSeconds(5));
            commands.clear();

            assertThat(care.between(PATIENT, DOCTOR)).isPresent();
            Message appended = messages.append(new MessageDraft(MessageId.of("m_31"), id, DOCTOR, MessageType.TEXT,
                    "hi", null, null, "client-31", T0.plusSeconds(31), null)).message();
            assertThat(messages.append(new MessageDraft(MessageId.of("m_again"), id, DOCTOR, MessageType.TEXT,
                    "hi", null, null, "client-31", T0.plusSeconds(32), null)).created()).isFalse();
            conversations.update(id, c -> c.withMessage(appended.seq(), DOCTOR, appended.createdAt()));
            assertThat(messages.before(id, Long.MAX_VALUE, 10)).extracting(Message::seq).startsWith(31L, 30L).hasSize(10);
            assertThat(messages.before(id, 5, 10)).extracting(Message::seq).containsExactly(4L, 3L, 2L, 1L);
            assertThat(messages.after(id, 25, 10)).extracting(Message::seq).containsExactly(26L, 27L, 28L, 29L, 30L, 31L);
            assertThat(cold.before(id, Long.MAX_VALUE, 3)).extracting(Message::seq).containsExactly(31L, 30L, 29L);
            assertThat(cold.append(new MessageDraft(MessageId.of("m_32"), id, PATIENT, MessageType.TEXT, "thanks",
                    null, null, null, T0.plusSeconds(33), null)).message().seq()).isEqualTo(32);
            messages.update(appended.id(), m -> m.react(PATIENT, "👍"));

            Map<String, List<Set<String>>> unique = uniqueIndexKeys(database);
            List<String> scans = new ArrayList<>();
            int filters = 0;
            for (BsonDocument command : commands) {
                String name = command.getFirstKey();
                if (!FILTERED.contains(name)) {
                    continue;
                }
                String collection = command.getString(name).getValue();
                for (BsonDocument filter : filtersOf(name, command)) {
                    filters++;
                    if (!answeredByUniqueIndex(filter, unique.getOrDefault(collection, List.of()))) {
                        scans.add(collection + " " + name + " " + filter.toJson());
                    }
                }
            }
            assertThat(filters).as("filters seen").isGreaterThan(10);
            assertThat(scans).as("filters that would read every document").isEmpty();
        }
    }

    @Test
    void a_range_or_a_second_field_is_recognised_as_a_scan() {
        List<Set<String>> unique = List.of(Set.of("_id"), Set.of("conversationId", "seq"), Set.of("place"));
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{_id: 'x'}"), unique)).isTrue();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{place: {$in: ['c|1', 'c|2']}}"), unique)).isTrue();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{conversationId: 'c', seq: 3}"), unique)).isTrue();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{conversationId: 'c', seq: {$lt: 3}}"), unique)).isFalse();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{_id: 'x', v: 3}"), unique)).isFalse();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{$and: [{_id: 'x'}, {v: 3}]}"), unique)).isFalse();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{conversationId: 'c'}"), unique)).isFalse();
    }

    private static List<BsonDocument> filtersOf(String name, BsonDocument command) {
        return switch (name) {
            case "find", "count", "findAndModify" -> List.of(command.getDocument(name.equals("findAndModify") ? "query" : "filter",
                    new BsonDocument()));
            case "update", "delete" -> command.getArray(name.equals("update") ? "updates" : "deletes").stream()
                    .map(statement -> statement.asDocument().getDocument("q")).toList();
            default -> List.of();
        };
    }

    /** mongo-java-server's rule (AbstractUniqueIndex.canHandle): the filter's keys are exactly the index's keys. */
    private static boolean answeredByUniqueIndex(BsonDocument filter, List<Set<String>> uniqueIndexes) {
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

    private static Map<String, List<Set<String>>> uniqueIndexKeys(MongoDatabase database) {
        Map<String, List<Set<String>>> result = new java.util.HashMap<>();
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
