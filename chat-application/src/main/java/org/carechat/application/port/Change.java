package org.carechat.application.port;

import java.util.List;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.common.Require;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/**
 * One change as the core hands it to {@link Changes}: messages stored or rewritten, conversations moved on,
 * people and care relationships saved, and the audit entry of the operation. Lists are in the order the
 * change made them.
 */
public record Change(List<Write<Message>> messages, List<Write<Conversation>> conversations, List<User> users,
                     List<CareRelationship> careRelationships, AuditEntry audit) {
    public Change {
        messages = List.copyOf(messages);
        conversations = List.copyOf(conversations);
        users = List.copyOf(users);
        careRelationships = List.copyOf(careRelationships);
        Require.nonNull(audit, "audit");
    }

    /** A change that only records an operation: nothing else is stored. */
    public static Change auditOnly(AuditEntry audit) {
        return new Change(List.of(), List.of(), List.of(), List.of(), audit);
    }

    /** Whether anything but the audit entry is stored. */
    public boolean changesState() {
        return !messages.isEmpty() || !conversations.isEmpty() || !users.isEmpty() || !careRelationships.isEmpty();
    }

    /**
     * One object stored: {@code after} replaces {@code before}, what the core read; a new one has no
     * {@code before}. Both have the same id.
     */
    public record Write<T>(T before, T after) {
        public Write {
            Require.nonNull(after, "after");
        }

        public static <T> Write<T> created(T value) {
            return new Write<>(null, value);
        }

        public boolean isNew() {
            return before == null;
        }
    }
}
