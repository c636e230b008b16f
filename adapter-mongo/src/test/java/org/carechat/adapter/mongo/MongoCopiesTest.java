package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What this process keeps in memory so that a send asks the database nothing but its three writes: the
 * conversation it last committed (a stale one collides and is read again), and the people and care
 * relationships it read or saved (its own saves at once, another process's once the copy expires).
 */
final class MongoCopiesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId ID = ConversationId.of("c_1");

    @RegisterExtension
    final TestMongo mongo = TestMongo.fresh();

    @Test
    void a_conversation_read_to_change_is_answered_from_what_this_process_committed_without_a_command() {
        try (RecordedClient client = new RecordedClient(mongo)) {
            ConversationCopy copy = new ConversationCopy();
            MongoConversations conversations = conversations(client, copy);
            MongoChanges changes = new MongoChanges(client.database(), copy, PeopleCopy.none());
            conversations.getOrCreateDirect(Conversation.direct(ID, PATIENT, DOCTOR, T0));
            send(changes, conversations.findToChange(ID).orElseThrow(), "m_1", "a_1");
            client.clear();

            Conversation read = conversations.findToChange(ID).orElseThrow();
            assertThat(conversations.findDirectToChange(DOCTOR, PATIENT)).contains(read);

            assertThat(client.names()).as("answered from the copy").isEmpty();
            assertThat(read).isEqualTo(conversations.find(ID).orElseThrow());
            assertThat(read.lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void a_copy_another_process_made_stale_makes_the_commit_collide_and_the_next_read_asks_the_database() {
        try (RecordedClient client = new RecordedClient(mongo)) {
            ConversationCopy here = new ConversationCopy();
            MongoConversations conversations = conversations(client, here);
            MongoChanges changes = new MongoChanges(client.database(), here, PeopleCopy.none());
            conversations.getOrCreateDirect(Conversation.direct(ID, PATIENT, DOCTOR, T0));
            send(changes, conversations.findToChange(ID).orElseThrow(), "m_1", "a_1");
            // another server on the same database sends the next message
            ConversationCopy there = new ConversationCopy();
            send(new MongoChanges(client.database(), there, PeopleCopy.none()),
                    conversations(client, there).findToChange(ID).orElseThrow(), "m_2", "a_2");

            Conversation stale = conversations.findToChange(ID).orElseThrow();
            assertThat(stale.lastSeq()).isEqualTo(1);
            assertThatThrownBy(() -> send(changes, stale, "m_3", "a_3")).isInstanceOf(ChangeConflict.class);

            client.clear();
            Conversation fresh = conversations.findToChange(ID).orElseThrow();
            assertThat(client.names()).containsExactly("find conversations");
            assertThat(fresh.lastSeq()).isEqualTo(2);
            send(changes, fresh, "m_3", "a_3");
            assertThat(conversations.find(ID).orElseThrow().lastSeq()).isEqualTo(3);
            assertThat(new MongoMessages(client.database().getCollection(MongoIndexes.MESSAGES), Duration.ofSeconds(5))
                    .before(ID, Long.MAX_VALUE, 10)).extracting(m -> m.id().value())
                    .containsExactly("m_3", "m_2", "m_1");
        }
    }

    @Test
    void people_and_care_are_read_once_then_answered_from_memory_and_this_process_sees_its_own_saves_at_once() {
        try (RecordedClient client = new RecordedClient(mongo)) {
            PeopleCopy copy = PeopleCopy.keptFor(Duration.ofMinutes(5));
            MongoDirectory directory = new MongoDirectory(client.database().getCollection(MongoIndexes.DIRECTORY), copy);
            MongoCareRelationships care = new MongoCareRelationships(
                    client.database().getCollection(MongoIndexes.CARE_RELATIONSHIPS), copy);
            MongoChanges changes = new MongoChanges(client.database(), new ConversationCopy(), copy);
            directory.save(new User(DOCTOR, "Dr. Ada", Role.DOCTOR, "cardiology"));
            CareRelationship open = new CareRelationship(PATIENT, DOCTOR, null, T0, null, null);
            care.save(open);
            client.clear();

            assertThat(directory.find(DOCTOR)).map(User::name).contains("Dr. Ada");
            assertThat(directory.find(PATIENT)).isEmpty();
            assertThat(directory.find(PATIENT)).isEmpty();
            assertThat(care.between(PATIENT, DOCTOR)).contains(open);
            assertThat(client.names()).as("only the unknown patient is read, once").containsExactly("find directory");

            CareRelationship revoked = open.revoked(T0.plusSeconds(60));
            changes.commit(new Change(List.of(), List.of(), List.of(new User(PATIENT, "Pat", Role.PATIENT, null)),
                    List.of(revoked), entry("a_revoke", AuditAction.CARE_RELATIONSHIP_REVOKE)));
            client.clear();

            assertThat(care.between(PATIENT, DOCTOR)).contains(revoked);
            assertThat(directory.find(PATIENT)).map(User::name).contains("Pat");
            assertThat(client.names()).as("a commit of this process replaces the copies").isEmpty();
        }
    }

    @Test
    void a_save_by_another_process_is_seen_once_the_copy_expires_and_with_no_copy_every_look_up_reads() throws Exception {
        try (RecordedClient client = new RecordedClient(mongo)) {
            Duration ttl = Duration.ofMillis(300);
            MongoCareRelationships here = new MongoCareRelationships(
                    client.database().getCollection(MongoIndexes.CARE_RELATIONSHIPS), PeopleCopy.keptFor(ttl));
            MongoCareRelationships there = new MongoCareRelationships(
                    client.database().getCollection(MongoIndexes.CARE_RELATIONSHIPS), PeopleCopy.keptFor(ttl));
            MongoCareRelationships uncached = new MongoCareRelationships(
                    client.database().getCollection(MongoIndexes.CARE_RELATIONSHIPS), PeopleCopy.keptFor(Duration.ZERO));
            CareRelationship open = new CareRelationship(PATIENT, DOCTOR, null, T0, null, null);
            there.save(open);
            assertThat(here.between(PATIENT, DOCTOR)).contains(open);

            CareRelationship revoked = open.revoked(T0.plusSeconds(60));
            there.save(revoked);
            assertThat(uncached.between(PATIENT, DOCTOR)).contains(revoked);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!here.between(PATIENT, DOCTOR).orElseThrow().equals(revoked) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(here.between(PATIENT, DOCTOR)).contains(revoked);

            client.clear();
            uncached.between(PATIENT, DOCTOR);
            uncached.between(PATIENT, DOCTOR);
            assertThat(client.names()).containsExactly("find care_relationships", "find care_relationships");
        }
    }

    @Test
    void the_time_people_are_kept_is_a_setting_from_zero_to_an_hour() {
        MongoStoreSettings settings = MongoStoreSettings.of("mongodb://localhost");
        assertThat(settings.peopleCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.withPeopleCacheTtl(Duration.ZERO).peopleCacheTtl()).isZero();
        assertThatThrownBy(() -> settings.withPeopleCacheTtl(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withPeopleCacheTtl(Duration.ofMinutes(61)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MongoConversations conversations(RecordedClient client, ConversationCopy copy) {
        return new MongoConversations(client.database().getCollection(MongoIndexes.CONVERSATIONS),
                Duration.ofSeconds(5), copy);
    }

    private static void send(MongoChanges changes, Conversation before, String messageId, String auditId) {
        Message message = new MessageDraft(MessageId.of(messageId), ID, PATIENT, MessageType.TEXT, "hello", null, null,
                null, T0.plusSeconds(before.lastSeq() + 1), null).at(before.lastSeq() + 1);
        changes.commit(new Change(List.of(Write.created(message)), List.of(new Write<>(before, before.withMessage(message))),
                List.of(), List.of(), entry(auditId, AuditAction.MESSAGE_SEND)));
    }

    private static AuditEntry entry(String id, AuditAction action) {
        return new AuditEntry(id, PATIENT, action, List.of("conversation:c_1"), T0, AuditEntry.OK);
    }
}
