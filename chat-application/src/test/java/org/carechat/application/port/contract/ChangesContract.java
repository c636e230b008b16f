package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Change;
import org.carechat.application.port.Change.Write;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.Changes;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Changes} store promises: a change's messages, conversations, people, care relationships and
 * audit entry are stored together or not at all; a collision with what is stored (a seq, id or retry key taken,
 * a message or conversation changed since it was read) is a {@link ChangeConflict} that stores nothing.
 */
public abstract class ChangesContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId NURSE = UserId.of("n1");

    /** One fresh, empty store seen through its ports. */
    public record Store(Changes changes, Conversations conversations, Messages messages, AuditTrail auditTrail,
                           DirectoryStore directory, CareRelationshipStore careRelationships) {
    }

    protected abstract Store create();

    private Store store;
    private Conversation conversation;
    private int entries;

    @BeforeEach
    void openConversation() {
        store = create();
        conversation = store.conversations().getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_1"), PATIENT, DOCTOR, T0));
    }

    @Test
    void a_message_its_conversation_and_its_audit_entry_are_stored_together() {
        Message message = message("m_1", conversation, 1, PATIENT, "k-1");
        Conversation after = conversation.withMessage(message);
        AuditEntry entry = entry(AuditAction.MESSAGE_SEND);

        store.changes().commit(new Change(List.of(Write.created(message)), List.of(new Write<>(conversation, after)),
                List.of(), List.of(), entry));

        assertThat(store.messages().find(message.id())).contains(message);
        assertThat(store.messages().findByClientMessageId(PATIENT, "k-1")).contains(message);
        assertThat(store.messages().before(conversation.id(), Long.MAX_VALUE, 10)).containsExactly(message);
        assertThat(store.conversations().find(conversation.id())).contains(after);
        assertThat(trail()).containsExactly(entry);
    }

    @Test
    void messages_committed_one_after_another_follow_each_other_gap_free() {
        Conversation current = conversation;
        for (int seq = 1; seq <= 5; seq++) {
            Message message = message("m_" + seq, current, seq, seq % 2 == 0 ? DOCTOR : PATIENT, null);
            Conversation after = current.withMessage(message);
            store.changes().commit(new Change(List.of(Write.created(message)), List.of(new Write<>(current, after)),
                    List.of(), List.of(), entry(AuditAction.MESSAGE_SEND)));
            current = after;
        }

        assertThat(store.messages().after(conversation.id(), 0, 10)).extracting(Message::seq)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.conversations().find(conversation.id()).orElseThrow().lastSeq()).isEqualTo(5);
        assertThat(trail()).hasSize(5);
    }

    @Test
    void a_taken_seq_is_a_conflict_and_nothing_of_the_change_is_stored() {
        Message first = message("m_1", conversation, 1, PATIENT, null);
        Conversation afterFirst = conversation.withMessage(first);
        store.changes().commit(new Change(List.of(Write.created(first)), List.of(new Write<>(conversation, afterFirst)),
                List.of(), List.of(), entry(AuditAction.MESSAGE_SEND)));

        // computed from the state before the first: it takes seq 1 again
        Message rival = message("m_2", conversation, 1, DOCTOR, null);
        AuditEntry rivalEntry = entry(AuditAction.MESSAGE_SEND);
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(Write.created(rival)),
                List.of(new Write<>(conversation, conversation.withMessage(rival))), List.of(), List.of(), rivalEntry)))
                .isInstanceOf(ChangeConflict.class);

        assertThat(store.messages().find(rival.id())).isEmpty();
        assertThat(store.conversations().find(conversation.id())).contains(afterFirst);
        assertThat(trail()).doesNotContain(rivalEntry).hasSize(1);
    }

    @Test
    void a_retry_key_the_sender_used_in_another_conversation_is_a_conflict_and_nothing_is_stored() {
        Conversation other = store.conversations().getOrCreateDirect(
                Conversation.direct(ConversationId.of("c_2"), PATIENT, NURSE, T0));
        Message first = message("m_1", conversation, 1, PATIENT, "same-key");
        store.changes().commit(new Change(List.of(Write.created(first)),
                List.of(new Write<>(conversation, conversation.withMessage(first))), List.of(), List.of(),
                entry(AuditAction.MESSAGE_SEND)));

        Message second = message("m_2", other, 1, PATIENT, "same-key");
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(Write.created(second)),
                List.of(new Write<>(other, other.withMessage(second))), List.of(), List.of(),
                entry(AuditAction.MESSAGE_SEND))))
                .isInstanceOf(ChangeConflict.class);

        assertThat(store.messages().find(second.id())).isEmpty();
        assertThat(store.messages().findByClientMessageId(PATIENT, "same-key")).contains(first);
        assertThat(store.conversations().find(other.id())).contains(other);
        assertThat(trail()).hasSize(1);
    }

    @Test
    void the_same_retry_key_of_two_senders_is_no_conflict() {
        Message mine = message("m_1", conversation, 1, PATIENT, "k");
        Conversation afterMine = conversation.withMessage(mine);
        store.changes().commit(new Change(List.of(Write.created(mine)), List.of(new Write<>(conversation, afterMine)),
                List.of(), List.of(), entry(AuditAction.MESSAGE_SEND)));
        Message theirs = message("m_2", afterMine, 2, DOCTOR, "k");

        store.changes().commit(new Change(List.of(Write.created(theirs)),
                List.of(new Write<>(afterMine, afterMine.withMessage(theirs))), List.of(), List.of(),
                entry(AuditAction.MESSAGE_SEND)));

        assertThat(store.messages().findByClientMessageId(DOCTOR, "k")).contains(theirs);
    }

    @Test
    void a_conversation_changed_since_it_was_read_is_a_conflict_and_nothing_is_stored() {
        Conversation read = conversation.readUpTo(DOCTOR, 0).mutedBy(DOCTOR, true);
        store.changes().commit(new Change(List.of(), List.of(new Write<>(conversation, read)), List.of(), List.of(),
                entry(AuditAction.CONVERSATION_MUTE)));

        Message message = message("m_1", conversation, 1, PATIENT, null);
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(Write.created(message)),
                List.of(new Write<>(conversation, conversation.withMessage(message))), List.of(), List.of(),
                entry(AuditAction.MESSAGE_SEND))))
                .isInstanceOf(ChangeConflict.class);

        assertThat(store.messages().find(message.id())).isEmpty();
        assertThat(store.conversations().find(conversation.id())).contains(read);
        assertThat(trail()).hasSize(1);
    }

    @Test
    void an_edit_replaces_the_message_it_was_computed_from_and_a_stale_one_is_a_conflict() {
        Message message = message("m_1", conversation, 1, PATIENT, null);
        Conversation after = conversation.withMessage(message);
        store.changes().commit(new Change(List.of(Write.created(message)), List.of(new Write<>(conversation, after)),
                List.of(), List.of(), entry(AuditAction.MESSAGE_SEND)));

        Message edited = message.edit(PATIENT, "edited", T0.plusSeconds(30), java.time.Duration.ofMinutes(15));
        store.changes().commit(new Change(List.of(new Write<>(message, edited)), List.of(), List.of(), List.of(),
                entry(AuditAction.MESSAGE_EDIT)));
        assertThat(store.messages().find(message.id())).contains(edited);

        Message staleReaction = message.react(DOCTOR, "👍");
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(new Write<>(message, staleReaction)),
                List.of(), List.of(), List.of(), entry(AuditAction.REACTION_ADD))))
                .isInstanceOf(ChangeConflict.class);
        assertThat(store.messages().find(message.id())).contains(edited);
        assertThat(trail()).hasSize(2);
    }

    @Test
    void a_new_conversation_is_stored_with_its_first_message() {
        Conversation created = Conversation.direct(ConversationId.of("c_new"), PATIENT, NURSE, T0);
        Message first = message("m_1", created, 1, PATIENT, null);
        Conversation after = created.withMessage(first);

        store.changes().commit(new Change(List.of(Write.created(first)), List.of(Write.created(after)), List.of(),
                List.of(), entry(AuditAction.MESSAGE_SEND)));

        assertThat(store.conversations().find(created.id())).contains(after);
        assertThat(store.conversations().findDirect(NURSE, PATIENT)).contains(after);
        assertThat(store.messages().after(created.id(), 0, 10)).containsExactly(first);
    }

    @Test
    void a_new_conversation_whose_pair_has_one_is_a_conflict_and_nothing_is_stored() {
        Conversation rival = Conversation.direct(ConversationId.of("c_rival"), DOCTOR, PATIENT, T0);
        Message first = message("m_1", rival, 1, DOCTOR, null);
        AuditEntry entry = entry(AuditAction.MESSAGE_SEND);

        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(Write.created(first)),
                List.of(Write.created(rival.withMessage(first))), List.of(), List.of(), entry)))
                .isInstanceOf(ChangeConflict.class);

        assertThat(store.conversations().find(rival.id())).isEmpty();
        assertThat(store.conversations().findDirect(PATIENT, DOCTOR)).contains(conversation);
        assertThat(store.messages().find(first.id())).isEmpty();
        assertThat(trail()).doesNotContain(entry);
    }

    @Test
    void an_audit_only_change_stores_its_entry_and_nothing_else() {
        AuditEntry entry = entry(AuditAction.HISTORY_READ);

        store.changes().commit(Change.auditOnly(entry));

        assertThat(trail()).containsExactly(entry);
        assertThat(store.conversations().find(conversation.id())).contains(conversation);
    }

    @Test
    void people_and_care_relationships_are_saved_with_the_entry_of_their_change() {
        User doctor = new User(DOCTOR, "Dr. Ada Smith", Role.DOCTOR, "cardiology");
        CareRelationship care = new CareRelationship(PATIENT, DOCTOR, "apt-1", T0, null, null);
        AuditEntry entry = entry(AuditAction.CARE_RELATIONSHIP_OPEN);

        store.changes().commit(new Change(List.of(), List.of(), List.of(doctor), List.of(care), entry));

        assertThat(store.directory().find(DOCTOR)).contains(doctor);
        assertThat(store.careRelationships().between(PATIENT, DOCTOR)).contains(care);
        assertThat(trail()).containsExactly(entry);
    }

    @Test
    void people_and_care_relationships_of_a_change_that_collides_are_not_saved() {
        Message first = message("m_1", conversation, 1, PATIENT, null);
        store.changes().commit(new Change(List.of(Write.created(first)),
                List.of(new Write<>(conversation, conversation.withMessage(first))), List.of(), List.of(),
                entry(AuditAction.MESSAGE_SEND)));
        User nurse = new User(NURSE, "Nurse Nora", Role.NURSE, null);
        CareRelationship care = new CareRelationship(PATIENT, NURSE, null, T0, null, null);

        Message rival = message("m_2", conversation, 1, DOCTOR, null);
        assertThatThrownBy(() -> store.changes().commit(new Change(List.of(Write.created(rival)),
                List.of(new Write<>(conversation, conversation.withMessage(rival))), List.of(nurse), List.of(care),
                entry(AuditAction.USER_UPSERT))))
                .isInstanceOf(ChangeConflict.class);

        assertThat(store.directory().find(NURSE)).isEmpty();
        assertThat(store.careRelationships().between(PATIENT, NURSE)).isEmpty();
        assertThat(store.careRelationships().involving(NURSE)).isEmpty();
    }

    private Message message(String id, Conversation in, long seq, UserId sender, String clientMessageId) {
        return new MessageDraft(MessageId.of(id), in.id(), sender, MessageType.TEXT, "hello " + id, null, null,
                clientMessageId, T0.plusSeconds(seq), null).at(seq);
    }

    private AuditEntry entry(AuditAction action) {
        entries++;
        return new AuditEntry("a_" + entries, PATIENT, action, List.of("conversation:" + conversation.id()),
                T0.plusMillis(entries), AuditEntry.OK);
    }

    private List<AuditEntry> trail() {
        return store.auditTrail().query(new AuditQuery(null, null, null, null, 100));
    }
}
