package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.mongo.UniqueIndexRule.answeredByUniqueIndex;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.ChangeConflict;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
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
 * document of the collection ({@link UniqueIndexRule}). The operations a message passes through (the care check,
 * the commit of a send, a receipt and a reaction, a history page each way, and the older append and update
 * paths) must all be such filters, or the default store slows down with every message stored. This test reads
 * the commands the driver really sends.
 */
final class IndexedQueriesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void the_operations_of_a_message_only_filter_on_exactly_the_keys_of_a_unique_index() {
        try (RecordedClient client = new RecordedClient(mongo)) {
            MongoDatabase database = client.database();
            MongoCareRelationships care = new MongoCareRelationships(database.getCollection(MongoIndexes.CARE_RELATIONSHIPS));
            MongoConversations conversations = new MongoConversations(
                    database.getCollection(MongoIndexes.CONVERSATIONS), Duration.ofSeconds(5));
            MongoMessages messages = new MongoMessages(database.getCollection(MongoIndexes.MESSAGES), Duration.ofSeconds(5));
            MongoChanges changes = new MongoChanges(database);
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
            client.clear();

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
            Message thanks = cold.append(new MessageDraft(MessageId.of("m_32"), id, PATIENT, MessageType.TEXT, "thanks",
                    null, null, null, T0.plusSeconds(33), null)).message();
            assertThat(thanks.seq()).isEqualTo(32);
            messages.update(appended.id(), m -> m.react(PATIENT, "👍"));

            // the path the core takes now: a send, a receipt and a reaction, each one commit. m_32 was appended
            // without moving the conversation on, as a crash between the two writes leaves it: the first send
            // collides with it, adopts it, and is computed again at the next place
            Conversation read = conversations.find(id).orElseThrow();
            assertThat(read.lastSeq()).isEqualTo(31);
            Message sent = null;
            Conversation afterSend = null;
            for (int attempt = 1; sent == null; attempt++) {
                Message candidate = new MessageDraft(MessageId.of("m_33_" + attempt), id, DOCTOR, MessageType.TEXT,
                        "you are welcome", null, null, "client-33", T0.plusSeconds(34), null).at(read.lastSeq() + 1);
                Conversation after = read.withMessage(candidate);
                try {
                    changes.commit(new Change(List.of(Write.created(candidate)), List.of(new Write<>(read, after)),
                            List.of(), List.of(), entry("a_1_" + attempt, AuditAction.MESSAGE_SEND)));
                    sent = candidate;
                    afterSend = after;
                } catch (ChangeConflict conflict) {
                    assertThat(attempt).isEqualTo(1);
                    read = conversations.find(id).orElseThrow();
                }
            }
            changes.commit(new Change(List.of(), List.of(new Write<>(afterSend, afterSend.readUpTo(PATIENT, sent.seq()))),
                    List.of(), List.of(), entry("a_2", AuditAction.MARK_READ)));
            changes.commit(new Change(List.of(new Write<>(sent, sent.react(PATIENT, "🙏"))), List.of(), List.of(),
                    List.of(), entry("a_3", AuditAction.REACTION_ADD)));
            assertThat(conversations.find(id).orElseThrow().lastSeq()).isEqualTo(33);

            List<BsonDocument> commands = client.commands();
            assertThat(UniqueIndexRule.filters(commands)).as("filters seen").isGreaterThan(10);
            assertThat(UniqueIndexRule.scans(commands, database)).as("filters that would read every document").isEmpty();
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

    @Test
    void a_compare_and_set_by_id_and_version_is_indexed_only_through_the_index_on_both_and_only_with_nothing_else() {
        List<Set<String>> unique = List.of(Set.of("_id"), Set.of("_id", "v"));
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{_id: 'x', v: 'fingerprint'}"), unique)).isTrue();
        // _id alone would find the document, but mongo-java-server then reads the whole collection
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{_id: 'x', v: 'fingerprint', lastSeq: 3}"), unique))
                .isFalse();
        assertThat(answeredByUniqueIndex(BsonDocument.parse("{_id: 'x', lastSeq: 3}"), unique)).isFalse();
    }

    private static AuditEntry entry(String id, AuditAction action) {
        return new AuditEntry(id, PATIENT, action, List.of("conversation:c_1"), T0, AuditEntry.OK);
    }
}
