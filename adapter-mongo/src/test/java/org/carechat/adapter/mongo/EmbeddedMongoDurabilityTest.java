package org.carechat.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the standalone server keeps in its embedded database survives closing it, and a crash of it. */
final class EmbeddedMongoDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final Duration EDIT_WINDOW = Duration.ofMinutes(15);
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final ConversationId CONVERSATION = ConversationId.of("c_1");

    @TempDir
    Path dataDirectory;

    @Test
    void everything_written_through_the_store_is_found_again_after_closing_and_reopening_the_database() {
        CareRelationship relationship = new CareRelationship(PATIENT, DOCTOR, "appt-42", T0, T0.plusSeconds(86_400), null);
        User doctor = new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology");
        User patient = new User(PATIENT, "Jo Patient", Role.PATIENT, null);
        Attachment lab = new Attachment(AttachmentId.of("a_lab"), PATIENT, "lab.pdf", "application/pdf", 81_234, T0);
        AuditEntry audit = new AuditEntry("e_1", PATIENT, AuditAction.MESSAGE_SEND, List.of("conversation:c_1"),
                T0.plusSeconds(3), AuditEntry.OK);
        Conversation conversation;
        List<Message> sent = new ArrayList<>();

        try (EmbeddedMongo server = EmbeddedMongo.open(dataDirectory);
             MongoStore store = MongoStore.open(MongoStoreSettings.of(server.connectionString()))) {
            store.careRelationships().save(relationship);
            store.directory().save(doctor);
            store.directory().save(patient);
            store.attachments().save(lab);
            store.conversations().getOrCreateDirect(Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
            Messages messages = store.messages();
            sent.add(messages.append(draft("m_1", PATIENT, "Hello doctor", "key-1", null, 1)).message());
            sent.add(messages.append(draft("m_2", DOCTOR, "Hello, how are you?", null, null, 2)).message());
            sent.add(messages.append(draft("m_3", PATIENT, "Here are my results", null, lab.ref(), 3)).message());
            sent.set(1, messages.update(sent.get(1).id(), m -> m.edit(DOCTOR, "Hello! How are you?",
                    T0.plusSeconds(60), EDIT_WINDOW).react(PATIENT, "👍")).orElseThrow());
            for (Message message : sent) {
                store.conversations().update(CONVERSATION, c -> c.withMessage(message.seq(), message.senderId(),
                        message.createdAt()));
            }
            conversation = store.conversations().update(CONVERSATION, c -> c.deliveredUpTo(DOCTOR, 3)
                    .readUpTo(DOCTOR, 2).pinnedBy(PATIENT, true)).orElseThrow();
            store.auditTrail().append(audit);
            server.compact();
        }

        try (EmbeddedMongo server = EmbeddedMongo.open(dataDirectory);
             MongoStore store = MongoStore.open(MongoStoreSettings.of(server.connectionString()))) {
            assertThat(store.conversations().find(CONVERSATION)).contains(conversation);
            assertThat(store.conversations().findDirect(DOCTOR, PATIENT)).contains(conversation);
            assertThat(conversation.stateOf(DOCTOR).readSeq()).isEqualTo(2);
            assertThat(conversation.stateOf(DOCTOR).deliveredSeq()).isEqualTo(3);
            assertThat(store.messages().after(CONVERSATION, 0, 10)).containsExactlyElementsOf(sent);
            assertThat(store.messages().findByClientMessageId(PATIENT, "key-1")).contains(sent.get(0));
            assertThat(store.messages().referencing(lab.id())).containsExactly(sent.get(2));
            assertThat(store.careRelationships().between(PATIENT, DOCTOR)).contains(relationship);
            assertThat(store.directory().find(DOCTOR)).contains(doctor);
            assertThat(store.directory().find(PATIENT)).contains(patient);
            assertThat(store.attachments().find(lab.id())).contains(lab);
            assertThat(store.auditTrail().query(new AuditQuery(PATIENT, null, null, null, 10))).containsExactly(audit);

            Message next = store.messages().append(draft("m_4", DOCTOR, "Results look fine", null, null, 4)).message();

            assertThat(next.seq()).isEqualTo(4);
            assertThat(store.messages().append(draft("m_5", PATIENT, "resent", "key-1", null, 5)).created()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedMongo.Durability.class)
    void acknowledged_writes_survive_a_crash_of_the_database_process(EmbeddedMongo.Durability durability) {
        List<Message> acknowledged = new ArrayList<>();
        EmbeddedMongo crashing = EmbeddedMongo.open(dataDirectory, 0, durability);
        try (MongoStore store = MongoStore.open(MongoStoreSettings.of(crashing.connectionString()))) {
            store.conversations().getOrCreateDirect(Conversation.direct(CONVERSATION, PATIENT, DOCTOR, T0));
            for (int i = 1; i <= 30; i++) {
                Message message = store.messages().append(draft("m_" + i, PATIENT, "message " + i, null, null, i))
                        .message();
                store.conversations().update(CONVERSATION, c -> c.withMessage(message.seq(), PATIENT,
                        message.createdAt()));
                acknowledged.add(message);
            }
            crashing.crash();
        }

        try (EmbeddedMongo server = EmbeddedMongo.open(dataDirectory, 0, durability);
             MongoStore store = MongoStore.open(MongoStoreSettings.of(server.connectionString()))) {
            assertThat(store.messages().after(CONVERSATION, 0, 100)).containsExactlyElementsOf(acknowledged);
            assertThat(store.conversations().find(CONVERSATION).orElseThrow().lastSeq()).isEqualTo(30);
            assertThat(store.messages().append(draft("m_31", DOCTOR, "after the crash", null, null, 31)).message()
                    .seq()).isEqualTo(31);
        } finally {
            crashing.close();
        }
    }

    private static MessageDraft draft(String id, UserId sender, String content, String clientMessageId,
                                      AttachmentRef attachment, int second) {
        MessageType type = attachment == null ? MessageType.TEXT : MessageType.FILE;
        return new MessageDraft(MessageId.of(id), CONVERSATION, sender, type, content, attachment, null,
                clientMessageId, T0.plusSeconds(second), null);
    }
}
