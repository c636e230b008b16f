package org.carechat.application.port;

import java.util.function.Consumer;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/**
 * Everything a store holds, read once from end to end: what moving a clinic's data from one store to another
 * needs. Each method hands every item of its kind to {@code sink}, in no particular order except for
 * messages, which come conversation by conversation in seq order.
 */
public interface StoreContents {

    void users(Consumer<User> sink);

    void careRelationships(Consumer<CareRelationship> sink);

    void conversations(Consumer<Conversation> sink);

    /** Every message, grouped by conversation, each conversation's in seq order (1, 2, 3, ...). */
    void messages(Consumer<Message> sink);

    void attachments(Consumer<Attachment> sink);

    void auditEntries(Consumer<AuditEntry> sink);
}
