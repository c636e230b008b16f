package org.carechat.adapter.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Every collection and index CareChat needs, created idempotently when a {@link MongoStore} starts: creating
 * an index that exists with the same name and keys changes nothing.
 *
 * <p>Uniqueness decides every race: {@code (conversationId, seq)} makes places gap-free and single,
 * {@code clientKey} makes appends idempotent, {@code directKey} gives a pair one direct conversation,
 * {@code (patient, clinician)} one relationship. The idempotency key is a single derived field with a
 * <em>sparse</em> unique index, not a partial index on {@code (senderId, clientMessageId)}: mongo-java-server
 * ignores {@code partialFilterExpression} (it reads only {@code key}, {@code unique} and {@code sparse}), and a
 * sparse compound index would still index every message, because {@code senderId} is always present. A sparse
 * single-field index skips documents without the field on both MongoDB and mongo-java-server.
 *
 * <p>mongo-java-server keeps only unique indexes; it accepts and lists the others but answers those queries by
 * scanning. They exist for real MongoDB. And it uses a unique index only for a filter whose fields are exactly
 * the index's keys, with plain values ({@code $in} too on a single-field index): every query on the hot path is
 * shaped so ({@code IndexedQueriesTest}), with three indexes that exist for that alone: {@code place}, the
 * message's {@code conversationId|seq} in one field, so that a page of history is an {@code $in} of places;
 * {@code (_id, v)}, so that a compare-and-set ({@link OptimisticUpdate}, {@link MongoChanges}) finds its
 * document without a scan; and {@code (_id, insertedBy)} on messages, so that a change that collided finds the
 * message it inserted to take it back ({@link MongoChanges}). On MongoDB they are small and the {@code _id}
 * index would have served.
 */
final class MongoIndexes {
    static final String CONVERSATIONS = "conversations";
    static final String MESSAGES = "messages";
    static final String CARE_RELATIONSHIPS = "care_relationships";
    static final String DIRECTORY = "directory";
    static final String ATTACHMENTS = "attachments";
    static final String AUDIT = "audit";

    static final String ID = "_id_";
    static final String MESSAGE_CONVERSATION_SEQ = "conversation_seq";
    static final String MESSAGE_PLACE = "place";
    static final String MESSAGE_CLIENT_KEY = "sender_client_message_id";
    static final String ID_VERSION = "id_version";
    static final String MESSAGE_INSERTED_BY = "id_inserted_by";
    static final String MESSAGE_ATTACHMENT = "attachment";
    static final String MESSAGE_PRIORITY_FOLLOW_UP_CREATED = "priority_follow_up_created";
    static final String MESSAGE_DUE = "deleted_created";
    static final String CONVERSATION_PARTICIPANT_UPDATED = "participant_updated";
    static final String CONVERSATION_DIRECT_PAIR = "direct_pair";
    static final String CARE_PATIENT_CLINICIAN = "patient_clinician";
    static final String CARE_CLINICIAN = "clinician";
    static final String AUDIT_ACTOR_AT = "actor_at";
    static final String AUDIT_TARGETS_AT = "targets_at";
    static final String AUDIT_AT = "at";
    static final String ATTACHMENT_UPLOADER = "uploader";
    static final String ATTACHMENT_UNREFERENCED = "unreferenced_since";

    private MongoIndexes() {
    }

    static void createAll(MongoDatabase database) {
        MongoCollection<Document> messages = database.getCollection(MESSAGES);
        create(messages, Indexes.ascending(MessageMapper.CONVERSATION_ID, MessageMapper.SEQ),
                MESSAGE_CONVERSATION_SEQ, true, false);
        create(messages, Indexes.ascending(MessageMapper.PLACE), MESSAGE_PLACE, true, false);
        create(messages, Indexes.ascending(MessageMapper.CLIENT_KEY), MESSAGE_CLIENT_KEY, true, true);
        create(messages, Indexes.ascending(MessageMapper.ID, MessageMapper.VERSION), ID_VERSION, true, false);
        create(messages, Indexes.ascending(MessageMapper.ID, MessageMapper.INSERTED_BY), MESSAGE_INSERTED_BY, true,
                false);
        create(messages, Indexes.ascending(MessageMapper.ATTACHMENT_ID), MESSAGE_ATTACHMENT, false, true);
        // routine messages have no priority: the urgent ones, by the time they were sent, for their follow-up
        create(messages, Indexes.ascending(MessageMapper.PRIORITY, MessageMapper.FOLLOW_UP, MessageMapper.CREATED_AT),
                MESSAGE_PRIORITY_FOLLOW_UP_CREATED, false, false);
        // the retention's purge: the messages not deleted, oldest first
        create(messages, Indexes.ascending(MessageMapper.DELETED, MessageMapper.CREATED_AT, MessageMapper.ID),
                MESSAGE_DUE, false, false);

        MongoCollection<Document> conversations = database.getCollection(CONVERSATIONS);
        create(conversations, Indexes.compoundIndex(Indexes.ascending(ConversationMapper.PARTICIPANTS),
                Indexes.descending(ConversationMapper.UPDATED_AT)), CONVERSATION_PARTICIPANT_UPDATED, false, false);
        create(conversations, Indexes.ascending(ConversationMapper.DIRECT_KEY), CONVERSATION_DIRECT_PAIR, true, true);
        create(conversations, Indexes.ascending(ConversationMapper.ID, ConversationMapper.VERSION), ID_VERSION, true,
                false);

        MongoCollection<Document> care = database.getCollection(CARE_RELATIONSHIPS);
        create(care, Indexes.ascending(CareRelationshipMapper.PATIENT, CareRelationshipMapper.CLINICIAN),
                CARE_PATIENT_CLINICIAN, true, false);
        create(care, Indexes.ascending(CareRelationshipMapper.CLINICIAN), CARE_CLINICIAN, false, false);

        MongoCollection<Document> audit = database.getCollection(AUDIT);
        create(audit, Indexes.compoundIndex(Indexes.ascending(AuditEntryMapper.ACTOR),
                Indexes.descending(AuditEntryMapper.AT)), AUDIT_ACTOR_AT, false, false);
        create(audit, Indexes.compoundIndex(Indexes.ascending(AuditEntryMapper.TARGETS),
                Indexes.descending(AuditEntryMapper.AT)), AUDIT_TARGETS_AT, false, false);
        create(audit, Indexes.descending(AuditEntryMapper.AT), AUDIT_AT, false, false);

        MongoCollection<Document> attachments = database.getCollection(ATTACHMENTS);
        create(attachments, Indexes.ascending(AttachmentMapper.UPLOADER), ATTACHMENT_UPLOADER, false, false);
        create(attachments, Indexes.ascending(AttachmentMapper.UNREFERENCED_SINCE, AttachmentMapper.ID),
                ATTACHMENT_UNREFERENCED, false, true);
        // The directory is found by _id only, which every collection has.
    }

    private static void create(MongoCollection<Document> collection, Bson keys, String name, boolean unique,
                               boolean sparse) {
        collection.createIndex(keys, new IndexOptions().name(name).unique(unique).sparse(sparse));
    }
}
