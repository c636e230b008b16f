package org.carechat.adapter.inmemory;

import java.util.Objects;
import org.carechat.application.port.Change;
import org.carechat.application.port.ChangeConflict;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Changes;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/**
 * Commits a change to the in-memory stores: every part is checked against what is stored first (a seq, id or
 * retry key taken, a message or conversation changed since it was read), then all are applied, one change at
 * a time. A reader may see a new message a moment before its conversation's new state, never the reverse.
 */
public final class InMemoryChanges implements Changes {
    private final InMemoryConversations conversations;
    private final InMemoryMessages messages;
    private final InMemoryAuditTrail auditTrail;
    private final DirectoryStore directory;
    private final CareRelationshipStore careRelationships;

    /**
     * @param directory         where administration saves people, or null when it may not (the clinic's own
     *                          directory); a store other than the in-memory one is written after the rest
     * @param careRelationships where administration saves care relationships, or null when it may not
     */
    public InMemoryChanges(InMemoryConversations conversations, InMemoryMessages messages, InMemoryAuditTrail auditTrail,
                           DirectoryStore directory, CareRelationshipStore careRelationships) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
        this.directory = directory;
        this.careRelationships = careRelationships;
    }

    @Override
    public synchronized void commit(Change change) {
        if (!change.users().isEmpty() && directory == null || !change.careRelationships().isEmpty() && careRelationships == null) {
            throw new IllegalStateException("this store keeps no directory or care relationships to save to");
        }
        for (Change.Write<Message> write : change.messages()) {
            String collision = write.isNew() ? messages.collisionOf(write.after())
                    : messages.holds(write.before()) ? null : "message " + write.after().id() + " changed since it was read";
            if (collision != null) {
                throw new ChangeConflict(collision);
            }
        }
        for (Change.Write<Conversation> write : change.conversations()) {
            if (!conversations.holds(write.before(), write.after())) {
                throw new ChangeConflict("conversation " + write.after().id() + " changed since it was read");
            }
        }
        for (Change.Write<Message> write : change.messages()) {
            if (write.isNew()) {
                messages.insert(write.after());
            } else {
                messages.replace(write.before(), write.after());
            }
        }
        for (Change.Write<Conversation> write : change.conversations()) {
            conversations.replace(write.before(), write.after());
        }
        for (User user : change.users()) {
            directory.save(user);
        }
        for (CareRelationship relationship : change.careRelationships()) {
            careRelationships.save(relationship);
        }
        auditTrail.append(change.audit());
    }
}
