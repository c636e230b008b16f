package org.carechat.adapter.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.carechat.application.port.StoreContents;
import org.carechat.domain.attachment.Attachment;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.message.Message;
import org.carechat.domain.user.User;

/** Every document of the CareChat database, read through the same mappers the stores use, to move it elsewhere. */
final class MongoContents implements StoreContents {
    private final MongoDatabase database;

    MongoContents(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public void users(Consumer<User> sink) {
        each(MongoIndexes.DIRECTORY, UserMapper::fromDocument, sink);
    }

    @Override
    public void careRelationships(Consumer<CareRelationship> sink) {
        each(MongoIndexes.CARE_RELATIONSHIPS, CareRelationshipMapper::fromDocument, sink);
    }

    @Override
    public void conversations(Consumer<Conversation> sink) {
        each(MongoIndexes.CONVERSATIONS, ConversationMapper::fromDocument, sink);
    }

    @Override
    public void messages(Consumer<Message> sink) {
        MongoCollection<Document> messages = database.getCollection(MongoIndexes.MESSAGES);
        MongoErrors.run("read every message", () -> messages.find()
                .sort(Sorts.ascending(MessageMapper.CONVERSATION_ID, MessageMapper.SEQ))
                .forEach(document -> sink.accept(MessageMapper.fromDocument(document))));
    }

    @Override
    public void attachments(Consumer<Attachment> sink) {
        each(MongoIndexes.ATTACHMENTS, AttachmentMapper::fromDocument, sink);
    }

    @Override
    public void auditEntries(Consumer<AuditEntry> sink) {
        each(MongoIndexes.AUDIT, AuditEntryMapper::fromDocument, sink);
    }

    private <T> void each(String collection, Function<Document, T> mapper, Consumer<T> sink) {
        MongoErrors.run("read every document of " + collection, () -> database.getCollection(collection).find()
                .forEach(document -> sink.accept(mapper.apply(document))));
    }
}
