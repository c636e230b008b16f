package org.carechat.application.migration;

import java.util.Objects;
import java.util.function.Consumer;
import org.carechat.application.port.Attachments;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.Messages;
import org.carechat.application.port.StoreContents;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;

/**
 * Copies everything one store holds into another, through the target's ports, so that the copy is what the
 * target itself would have stored: the directory, the care relationships, the conversations with their
 * cursors, every message at its own seq with its edits, deletion and reactions, the attachments' metadata
 * (their bytes stay where they are) and the whole audit trail. The source is only read.
 *
 * <p>The target must be empty: a message that would not land at its own seq (the conversation already
 * holds messages there) stops the copy with an error rather than renumbering anything.
 */
public final class StoreMigration {

    /** The stores copied into. */
    public record Target(DirectoryStore directory, CareRelationshipStore careRelationships, Conversations conversations,
                         Messages messages, Attachments attachments, AuditTrail auditTrail) {
        public Target {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(careRelationships, "careRelationships");
            Objects.requireNonNull(conversations, "conversations");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(attachments, "attachments");
            Objects.requireNonNull(auditTrail, "auditTrail");
        }
    }

    /** How many items of each kind were copied. */
    public record Copied(long users, long careRelationships, long conversations, long messages, long attachments,
                         long auditEntries) {
    }

    private StoreMigration() {
    }

    /**
     * Copies {@code from} into {@code to}; {@code progress} hears of each kind as it is done.
     *
     * @throws IllegalStateException when the target does not take an item as it was (it was not empty)
     */
    public static Copied copy(StoreContents from, Target to, Consumer<String> progress) {
        long[] n = new long[6];
        from.users(user -> {
            to.directory().save(user);
            n[0]++;
        });
        progress.accept(n[0] + " users");
        from.careRelationships(relationship -> {
            to.careRelationships().save(relationship);
            n[1]++;
        });
        progress.accept(n[1] + " care relationships");
        from.conversations(conversation -> {
            if (to.conversations().find(conversation.id()).isPresent()) {
                throw new IllegalStateException("the target already holds conversation " + conversation.id()
                        + ": migrate into an empty store");
            }
            var stored = to.conversations().getOrCreateDirect(conversation);
            if (!stored.equals(conversation)) {
                throw new IllegalStateException("the target already holds a conversation between "
                        + conversation.participants() + ": migrate into an empty store");
            }
            n[2]++;
        });
        progress.accept(n[2] + " conversations");
        from.messages(message -> {
            copyMessage(message, to.messages());
            if (++n[3] % 10_000 == 0) {
                progress.accept(n[3] + " messages so far");
            }
        });
        progress.accept(n[3] + " messages");
        from.attachments(attachment -> {
            to.attachments().save(attachment);
            n[4]++;
        });
        progress.accept(n[4] + " attachments");
        from.auditEntries(entry -> {
            to.auditTrail().append(entry);
            n[5]++;
        });
        progress.accept(n[5] + " audit entries");
        return new Copied(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private static void copyMessage(Message message, Messages target) {
        MessageDraft draft = new MessageDraft(message.id(), message.conversationId(), message.senderId(), message.type(),
                message.content(), message.attachment(), message.replyTo(), message.clientMessageId(),
                message.createdAt(), message.call());
        Messages.Appended appended = target.append(draft);
        if (!appended.created() || appended.message().seq() != message.seq()) {
            throw new IllegalStateException("message " + message.id() + " of " + message.conversationId()
                    + " would not land at its seq " + message.seq() + ": migrate into an empty store");
        }
        if (!appended.message().equals(message)) {
            // what happened to it since: an edit, a deletion, reactions
            target.update(message.id(), stored -> message);
        }
    }
}
