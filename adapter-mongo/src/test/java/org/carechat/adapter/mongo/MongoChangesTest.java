package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonDocument;
import org.bson.Document;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.ChangeConflict;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
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
 * What only MongoDB's way of committing has to show: a crash between the message and its conversation leaves
 * an orphan that the next send adopts; an adoption and the commit that inserted the message, racing, never
 * leave a conversation counting a message that was taken back; documents an earlier version wrote with a
 * counter as their version are still committed to.
 */
final class MongoChangesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void an_orphan_left_by_a_crash_between_message_and_conversation_is_adopted_by_the_send_that_collides_with_it() {
        MongoStore store = mongo.openStore();
        MongoDatabase database = mongo.adminClient().getDatabase(store.databaseName());
        Conversation conversation = store.conversations().getOrCreateDirect(
                Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
        Message first = message("m_1", 1, PATIENT);
        Conversation afterFirst = conversation.withMessage(first);
        store.changes().commit(send(first, conversation, afterFirst, "a_1"));
        // a commit that crashed after its second write: its audit entry and its message, marked as its own
        Message orphan = message("m_2", 2, DOCTOR);
        database.getCollection(MongoIndexes.AUDIT).insertOne(AuditEntryMapper.toDocument(entry("a_crashed")));
        database.getCollection(MongoIndexes.MESSAGES)
                .insertOne(MessageMapper.toDocument(orphan).append(MessageMapper.INSERTED_BY, "a_crashed"));

        // the core computes the next send from the stored conversation: seq 2, the orphan's
        Message rival = message("m_3", 2, PATIENT);
        assertThatThrownBy(() -> store.changes().commit(send(rival, afterFirst, afterFirst.withMessage(rival), "a_2")))
                .isInstanceOf(ChangeConflict.class).hasMessageContaining("seq 2");

        Conversation adopted = store.conversations().find(CONVERSATION).orElseThrow();
        assertThat(adopted).isEqualTo(afterFirst.withMessage(orphan));
        assertThat(adopted.lastSeq()).isEqualTo(2);
        assertThat(store.messages().find(rival.id())).isEmpty();
        assertThat(trailIds(store)).containsExactlyInAnyOrder("a_1", "a_crashed");

        // computed again from what is stored now, it takes the next place
        Message again = message("m_4", 3, PATIENT);
        store.changes().commit(send(again, adopted, adopted.withMessage(again), "a_3"));

        assertThat(store.messages().after(CONVERSATION, 0, 10)).containsExactly(first, orphan, again);
        assertThat(store.conversations().find(CONVERSATION).orElseThrow().lastSeq()).isEqualTo(3);
        assertThat(trailIds(store)).containsExactlyInAnyOrder("a_1", "a_crashed", "a_3");
    }

    @Test
    void a_commit_whose_message_was_adopted_before_its_conversation_write_stands_instead_of_taking_it_back() {
        try (RecordedClient slow = new RecordedClient(mongo)) {
            MongoDatabase database = slow.database();
            MongoChanges slowChanges = new MongoChanges(database);
            MongoChanges otherInstance = new MongoChanges(mongo.adminClient().getDatabase(database.getName()));
            Conversation conversation = conversations(database).getOrCreateDirect(
                    Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
            Message mine = message("m_1", 1, PATIENT);
            Message theirs = message("m_2", 1, DOCTOR);
            AtomicReference<RuntimeException> theirOutcome = new AtomicReference<>();
            AtomicBoolean once = new AtomicBoolean();
            // another instance sends at the same place just before this commit moves the conversation on:
            // it finds this commit's message there, beyond the conversation's last, and adopts it
            slow.beforeEach(command -> {
                if (isUpdateOf(command, MongoIndexes.CONVERSATIONS) && once.compareAndSet(false, true)) {
                    try {
                        otherInstance.commit(send(theirs, conversation, conversation.withMessage(theirs), "a_theirs"));
                    } catch (RuntimeException e) {
                        theirOutcome.set(e);
                    }
                }
            });

            slowChanges.commit(send(mine, conversation, conversation.withMessage(mine), "a_mine"));

            assertThat(theirOutcome.get()).isInstanceOf(ChangeConflict.class);
            // its compare-and-set missed, it read the conversation, tried to take its message back and found it kept
            assertThat(slow.names()).containsSubsequence("update conversations", "find conversations", "delete messages")
                    .doesNotContain("delete audit");
            Document stored = database.getCollection(MongoIndexes.MESSAGES).find(new Document("_id", "m_1")).first();
            assertThat(MessageMapper.fromDocument(stored)).isEqualTo(mine);
            assertThat(stored).doesNotContainKey(MessageMapper.INSERTED_BY);
            assertThat(database.getCollection(MongoIndexes.MESSAGES).countDocuments()).isEqualTo(1);
            assertThat(ConversationMapper.fromDocument(database.getCollection(MongoIndexes.CONVERSATIONS).find().first()))
                    .isEqualTo(conversation.withMessage(mine));
            assertThat(auditIds(database)).containsExactly("a_mine");
        }
    }

    @Test
    void a_message_taken_back_before_the_adoption_marks_it_is_not_adopted() {
        try (RecordedClient adopting = new RecordedClient(mongo)) {
            MongoDatabase database = adopting.database();
            MongoChanges changes = new MongoChanges(database);
            MongoCollection<Document> messages = mongo.adminClient().getDatabase(database.getName())
                    .getCollection(MongoIndexes.MESSAGES);
            Conversation conversation = conversations(database).getOrCreateDirect(
                    Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
            Message inFlight = message("m_1", 1, PATIENT);
            messages.insertOne(MessageMapper.toDocument(inFlight).append(MessageMapper.INSERTED_BY, "a_in_flight"));
            // the commit that inserted it collides and takes it back just before the adoption would mark it
            adopting.beforeEach(command -> {
                if (isUpdateOf(command, MongoIndexes.MESSAGES)) {
                    messages.deleteOne(new Document("_id", "m_1").append(MessageMapper.INSERTED_BY, "a_in_flight"));
                }
            });
            Message rival = message("m_2", 1, DOCTOR);

            assertThatThrownBy(() -> changes.commit(send(rival, conversation, conversation.withMessage(rival), "a_2")))
                    .isInstanceOf(ChangeConflict.class);

            assertThat(ConversationMapper.fromDocument(database.getCollection(MongoIndexes.CONVERSATIONS).find().first()))
                    .isEqualTo(conversation);
            assertThat(messages.countDocuments()).isZero();
            assertThat(adopting.names()).contains("update messages").doesNotContain("update conversations");
            adopting.beforeEach(command -> { });
            changes.commit(send(rival, conversation, conversation.withMessage(rival), "a_3"));
            assertThat(ConversationMapper.fromDocument(database.getCollection(MongoIndexes.CONVERSATIONS).find().first())
                    .lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void documents_an_earlier_version_wrote_with_a_counter_as_version_are_compared_by_their_content() {
        MongoStore store = mongo.openStore();
        MongoDatabase database = mongo.adminClient().getDatabase(store.databaseName());
        Conversation conversation = Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0);
        Message message = message("m_1", 1, PATIENT);
        Conversation afterMessage = conversation.withMessage(message);
        database.getCollection(MongoIndexes.CONVERSATIONS).insertOne(legacy(ConversationMapper.toDocument(afterMessage), 7));
        database.getCollection(MongoIndexes.MESSAGES).insertOne(legacy(MessageMapper.toDocument(message), 3));

        Conversation read = store.conversations().find(CONVERSATION).orElseThrow();
        Conversation muted = read.mutedBy(DOCTOR, true);
        store.changes().commit(new Change(List.of(), List.of(new Write<>(read, muted)), List.of(), List.of(),
                entry("a_1")));
        Message reacted = message.react(DOCTOR, "👍");
        store.changes().commit(new Change(List.of(new Write<>(message, reacted)), List.of(), List.of(), List.of(),
                entry("a_2")));

        assertThat(store.conversations().find(CONVERSATION)).contains(muted);
        assertThat(store.messages().find(message.id())).contains(reacted);
        assertThat(database.getCollection(MongoIndexes.CONVERSATIONS).find().first().get(ContentVersion.FIELD))
                .isEqualTo(ConversationMapper.toDocument(muted).get(ContentVersion.FIELD));
        // and a change computed from what was stored before is still refused
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(), List.of(new Write<>(read,
                read.pinnedBy(PATIENT, true))), List.of(), List.of(), entry("a_3"))))
                .isInstanceOf(ChangeConflict.class);
        assertThat(store.conversations().find(CONVERSATION)).contains(muted);
        assertThat(trailIds(store)).containsExactlyInAnyOrder("a_1", "a_2");
    }

    @Test
    void every_write_of_the_core_sets_the_content_s_fingerprint_as_version_so_the_next_commit_needs_no_read() {
        MongoStore store = mongo.openStore();
        MongoDatabase database = mongo.adminClient().getDatabase(store.databaseName());
        Conversation conversation = store.conversations().getOrCreateDirect(
                Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
        Conversation pinned = store.conversations().update(CONVERSATION, c -> c.pinnedBy(PATIENT, true)).orElseThrow();
        Message appended = store.messages().append(new MessageDraft(MessageId.of("m_1"), CONVERSATION, PATIENT,
                MessageType.TEXT, "hi", null, null, null, T0, null)).message();
        Message reacted = store.messages().update(appended.id(), m -> m.react(DOCTOR, "👍")).orElseThrow();

        for (Document document : database.getCollection(MongoIndexes.CONVERSATIONS).find()) {
            assertThat(document.get(ContentVersion.FIELD))
                    .isEqualTo(ConversationMapper.toDocument(ConversationMapper.fromDocument(document)).get(ContentVersion.FIELD));
        }
        for (Document document : database.getCollection(MongoIndexes.MESSAGES).find()) {
            assertThat(document.get(ContentVersion.FIELD))
                    .isEqualTo(MessageMapper.toDocument(MessageMapper.fromDocument(document)).get(ContentVersion.FIELD));
        }
        assertThat(pinned).isNotEqualTo(conversation);
        assertThat(reacted.reactions().isEmpty()).isFalse();
    }

    private static Document legacy(Document document, long counter) {
        document.put(ContentVersion.FIELD, counter);
        return document;
    }

    private static boolean isUpdateOf(BsonDocument command, String collection) {
        return command.getFirstKey().equals("update") && command.getString("update").getValue().equals(collection);
    }

    private static MongoConversations conversations(MongoDatabase database) {
        return new MongoConversations(database.getCollection(MongoIndexes.CONVERSATIONS), Duration.ofSeconds(5));
    }

    private static Change send(Message message, Conversation before, Conversation after, String auditId) {
        return new Change(List.of(Write.created(message)), List.of(new Write<>(before, after)), List.of(), List.of(),
                entry(auditId));
    }

    private static Message message(String id, long seq, UserId sender) {
        return new MessageDraft(MessageId.of(id), CONVERSATION, sender, MessageType.TEXT, "hello " + id, null, null,
                null, T0.plusSeconds(seq), null).at(seq);
    }

    private static AuditEntry entry(String id) {
        return new AuditEntry(id, PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1"), T0, AuditEntry.OK);
    }

    private static List<String> trailIds(MongoStore store) {
        return store.auditTrail().query(new AuditQuery(null, null, null, null, 100)).stream().map(AuditEntry::id).toList();
    }

    private static List<String> auditIds(MongoDatabase database) {
        return database.getCollection(MongoIndexes.AUDIT).find().map(document -> document.getString("_id"))
                .into(new java.util.ArrayList<>());
    }
}
