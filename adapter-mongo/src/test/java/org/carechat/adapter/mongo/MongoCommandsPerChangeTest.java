package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a commit costs the database, in commands the driver really sends: a plain send is its audit entry, its
 * message and its conversation's compare-and-set, three commands and no read; a receipt two. Every filter they
 * carry is answered by a unique index on the embedded store ({@link UniqueIndexRule}).
 */
final class MongoCommandsPerChangeTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    private RecordedClient client;
    private MongoChanges changes;
    private Conversation conversation;

    @BeforeEach
    void openConversation() {
        client = new RecordedClient(mongo);
        changes = new MongoChanges(client.database());
        conversation = new MongoConversations(client.database().getCollection(MongoIndexes.CONVERSATIONS),
                Duration.ofSeconds(5)).getOrCreateDirect(Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
        client.clear();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_plain_send_is_three_commands_insert_insert_update() {
        Message message = message("m_1", 1);

        changes.commit(new Change(List.of(Write.created(message)),
                List.of(new Write<>(conversation, conversation.withMessage(message))), List.of(), List.of(),
                entry("a_1", AuditAction.MESSAGE_SEND)));

        report("plain send");
        assertThat(client.names()).containsExactly("insert audit", "insert messages", "update conversations");
        assertThat(UniqueIndexRule.scans(client.commands(), client.database())).isEmpty();
    }

    @Test
    void a_receipt_is_two_commands_insert_update() {
        Message message = message("m_1", 1);
        Conversation sent = conversation.withMessage(message);
        changes.commit(new Change(List.of(Write.created(message)), List.of(new Write<>(conversation, sent)), List.of(),
                List.of(), entry("a_1", AuditAction.MESSAGE_SEND)));
        client.clear();

        changes.commit(new Change(List.of(), List.of(new Write<>(sent, sent.readUpTo(DOCTOR, 1))), List.of(),
                List.of(), entry("a_2", AuditAction.MARK_READ)));

        report("receipt");
        assertThat(client.names()).containsExactly("insert audit", "update conversations");
        assertThat(UniqueIndexRule.scans(client.commands(), client.database())).isEmpty();
    }

    @Test
    void a_reaction_is_two_commands_insert_update() {
        Message message = message("m_1", 1);
        changes.commit(new Change(List.of(Write.created(message)),
                List.of(new Write<>(conversation, conversation.withMessage(message))), List.of(), List.of(),
                entry("a_1", AuditAction.MESSAGE_SEND)));
        client.clear();

        changes.commit(new Change(List.of(new Write<>(message, message.react(DOCTOR, "👍"))), List.of(), List.of(),
                List.of(), entry("a_2", AuditAction.REACTION_ADD)));

        report("reaction");
        assertThat(client.names()).containsExactly("insert audit", "update messages");
        assertThat(UniqueIndexRule.scans(client.commands(), client.database())).isEmpty();
    }

    @Test
    void a_collision_that_adopts_an_orphan_and_takes_its_own_writes_back_only_filters_on_unique_indexes() {
        Message orphan = message("m_orphan", 1);
        // what a commit that crashed after its message leaves: the message, still marked as its commit's
        client.database().getCollection(MongoIndexes.MESSAGES)
                .insertOne(MessageMapper.toDocument(orphan).append(MessageMapper.INSERTED_BY, "a_crashed"));
        client.clear();
        Message rival = message("m_1", 1);

        try {
            changes.commit(new Change(List.of(Write.created(rival)),
                    List.of(new Write<>(conversation, conversation.withMessage(rival))), List.of(), List.of(),
                    entry("a_1", AuditAction.MESSAGE_SEND)));
        } catch (ChangeConflict expected) {
            // computed again by the core
        }

        report("collision with an orphan");
        assertThat(client.names()).containsExactly("insert audit", "insert messages", "find messages",
                "find conversations", "update messages", "update conversations", "delete audit");
        assertThat(UniqueIndexRule.scans(client.commands(), client.database())).isEmpty();
    }

    private void report(String what) {
        System.out.println("[commands per change] " + what + ": " + client.names().size() + " " + client.names());
    }

    private static Message message(String id, long seq) {
        return new MessageDraft(MessageId.of(id), ConversationId.of("c_1"), PATIENT, MessageType.TEXT, "hello " + id,
                null, null, null, T0.plusSeconds(seq), null).at(seq);
    }

    private static AuditEntry entry(String id, AuditAction action) {
        return new AuditEntry(id, PATIENT, action, List.of("conversation:c_1"), T0, AuditEntry.OK);
    }
}
