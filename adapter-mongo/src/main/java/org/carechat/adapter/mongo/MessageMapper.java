package org.carechat.adapter.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.message.Reactions;
import org.carechat.domain.user.UserId;

/**
 * A message as a document.
 *
 * <ul>
 *   <li>Reactions are an ordered array of {@code {emoji, users}}: an emoji is client text and may be
 *       {@code $set} or {@code a.b}, so it is only ever a value, never a field name.</li>
 *   <li>{@code contentLower} is the content in lower case ({@link Locale#ROOT}), so that search can ignore
 *       case beyond ASCII with a plain, literal pattern.</li>
 *   <li>{@code clientKey} ({@code senderId|clientMessageId}) exists only when the sender chose a client
 *       message id; a sparse unique index on it makes appends idempotent. A user id never contains
 *       {@code |}, so the key is unambiguous.</li>
 *   <li>{@code v} is the version that compare-and-sets compare: a fingerprint of the rest
 *       ({@link ContentVersion}).</li>
 *   <li>{@code insertedBy}, outside the mapping and the fingerprint, is the audit id of the change that
 *       inserted the message, kept only until anything else writes it ({@link MongoChanges}): while it is
 *       there, that change may still take the message back.</li>
 * </ul>
 */
final class MessageMapper {
    static final String ID = "_id";
    static final String CONVERSATION_ID = "conversationId";
    static final String SEQ = "seq";
    static final String SENDER_ID = "senderId";
    static final String TYPE = "type";
    static final String CONTENT = "content";
    static final String CONTENT_LOWER = "contentLower";
    static final String ATTACHMENT = "attachment";
    static final String ATTACHMENT_ID = "attachment.id";
    static final String REPLY_TO = "replyTo";
    static final String CLIENT_MESSAGE_ID = "clientMessageId";
    static final String CLIENT_KEY = "clientKey";
    static final String PLACE = "place";
    static final String CREATED_AT = "createdAt";
    static final String EDITED_AT = "editedAt";
    static final String DELETED = "deleted";
    static final String REACTIONS = "reactions";
    static final String CALL = "call";
    /** Absent on a routine message (every message stored before there were urgent ones). */
    static final String PRIORITY = "priority";
    static final String ACKNOWLEDGEMENTS = "acknowledgements";
    /** Absent until an urgent message nobody acknowledged is followed up. */
    static final String FOLLOW_UP = "followUp";
    private static final String ACK_USER = "userId";
    private static final String ACK_AT = "at";
    static final String VERSION = ContentVersion.FIELD;
    static final String INSERTED_BY = "insertedBy";

    private static final String EMOJI = "emoji";
    private static final String USERS = "users";
    static final String REF_ID = "id";
    private static final String REF_NAME = "name";
    private static final String REF_MIME_TYPE = "mimeType";
    private static final String REF_SIZE = "size";
    private static final String CALL_ID = "callId";
    private static final String CALL_MEDIA = "media";
    private static final String CALL_OUTCOME = "outcome";
    private static final String CALL_DURATION = "durationSeconds";

    private MessageMapper() {
    }

    /** The lower-case form that search compares; queries are lowered the same way. */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * The message's place as one value, {@code conversationId|seq}: a page of history is a list of places,
     * looked up in a single-field unique index (see {@link MongoMessages}).
     */
    static String place(String conversationId, long seq) {
        return conversationId + "|" + seq;
    }

    static String clientKey(UserId sender, String clientMessageId) {
        return sender.value() + "|" + clientMessageId;
    }

    static Document toDocument(Message message) {
        Document document = new Document(ID, message.id().value())
                .append(CONVERSATION_ID, message.conversationId().value())
                .append(SEQ, message.seq())
                .append(PLACE, place(message.conversationId().value(), message.seq()))
                .append(SENDER_ID, message.senderId().value())
                .append(TYPE, message.type().name());
        Fields.putIfPresent(document, CONTENT, message.content());
        Fields.putIfPresent(document, CONTENT_LOWER, message.content() == null ? null : lower(message.content()));
        Fields.putIfPresent(document, ATTACHMENT, attachment(message.attachment()));
        Fields.putIfPresent(document, REPLY_TO, message.replyTo() == null ? null : message.replyTo().value());
        Fields.putIfPresent(document, CLIENT_MESSAGE_ID, message.clientMessageId());
        Fields.putIfPresent(document, CLIENT_KEY,
                message.clientMessageId() == null ? null : clientKey(message.senderId(), message.clientMessageId()));
        document.append(CREATED_AT, Fields.date(message.createdAt()));
        Fields.putIfPresent(document, EDITED_AT, Fields.date(message.editedAt()));
        document.append(DELETED, message.deleted());
        document.append(REACTIONS, reactions(message.reactions()));
        Fields.putIfPresent(document, CALL, call(message.call()));
        if (message.priority() != MessagePriority.ROUTINE) {
            document.append(PRIORITY, message.priority().name());
        }
        if (!message.acknowledgements().isEmpty()) {
            List<Document> acknowledgements = new ArrayList<>();
            message.acknowledgements().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                    acknowledgements.add(new Document(ACK_USER, entry.getKey().value()).append(ACK_AT, Fields.date(entry.getValue()))));
            document.append(ACKNOWLEDGEMENTS, acknowledgements);
        }
        if (message.followUp() != UrgentFollowUp.NONE) {
            document.append(FOLLOW_UP, message.followUp().name());
        }
        return ContentVersion.stamp(document);
    }

    static Message fromDocument(Document document) {
        String replyTo = Fields.string(document, REPLY_TO);
        String priority = Fields.string(document, PRIORITY);
        String followUp = Fields.string(document, FOLLOW_UP);
        return new Message(
                MessageId.of(Fields.requiredString(document, ID)),
                ConversationId.of(Fields.requiredString(document, CONVERSATION_ID)),
                Fields.longValue(document, SEQ),
                UserId.of(Fields.requiredString(document, SENDER_ID)),
                MessageType.valueOf(Fields.requiredString(document, TYPE)),
                Fields.string(document, CONTENT),
                attachment(Fields.document(document, ATTACHMENT)),
                replyTo == null ? null : MessageId.of(replyTo),
                Fields.string(document, CLIENT_MESSAGE_ID),
                Fields.requiredInstant(document, CREATED_AT),
                Fields.instant(document, EDITED_AT),
                Fields.booleanValue(document, DELETED),
                reactions(Fields.documents(document, REACTIONS)),
                call(Fields.document(document, CALL)),
                priority == null ? MessagePriority.ROUTINE : MessagePriority.valueOf(priority),
                acknowledgements(document),
                followUp == null ? UrgentFollowUp.NONE : UrgentFollowUp.valueOf(followUp));
    }

    private static Map<UserId, Instant> acknowledgements(Document document) {
        Map<UserId, Instant> read = new LinkedHashMap<>();
        for (Document entry : Fields.documents(document, ACKNOWLEDGEMENTS)) {
            read.put(UserId.of(Fields.requiredString(entry, ACK_USER)), Fields.requiredInstant(entry, ACK_AT));
        }
        return read;
    }

    private static Document attachment(AttachmentRef ref) {
        if (ref == null) {
            return null;
        }
        return new Document(REF_ID, ref.id().value()).append(REF_NAME, ref.name())
                .append(REF_MIME_TYPE, ref.mimeType()).append(REF_SIZE, ref.size());
    }

    private static AttachmentRef attachment(Document document) {
        if (document == null) {
            return null;
        }
        return new AttachmentRef(AttachmentId.of(Fields.requiredString(document, REF_ID)),
                Fields.requiredString(document, REF_NAME), Fields.requiredString(document, REF_MIME_TYPE),
                Fields.longValue(document, REF_SIZE));
    }

    private static List<Document> reactions(Reactions reactions) {
        List<Document> entries = new ArrayList<>(reactions.distinct());
        reactions.byEmoji().forEach((emoji, users) -> entries.add(new Document(EMOJI, emoji)
                .append(USERS, users.stream().map(UserId::value).toList())));
        return entries;
    }

    private static Reactions reactions(List<Document> entries) {
        if (entries.isEmpty()) {
            return Reactions.NONE;
        }
        Map<String, List<UserId>> byEmoji = new LinkedHashMap<>();
        for (Document entry : entries) {
            byEmoji.put(Fields.requiredString(entry, EMOJI),
                    Fields.strings(entry, USERS).stream().map(UserId::of).toList());
        }
        return new Reactions(byEmoji);
    }

    private static Document call(CallSummary call) {
        if (call == null) {
            return null;
        }
        return new Document(CALL_ID, call.callId().value()).append(CALL_MEDIA, call.media().name())
                .append(CALL_OUTCOME, call.outcome().name()).append(CALL_DURATION, call.durationSeconds());
    }

    private static CallSummary call(Document document) {
        if (document == null) {
            return null;
        }
        return new CallSummary(CallId.of(Fields.requiredString(document, CALL_ID)),
                CallMedia.valueOf(Fields.requiredString(document, CALL_MEDIA)),
                CallOutcome.valueOf(Fields.requiredString(document, CALL_OUTCOME)),
                Fields.longValue(document, CALL_DURATION));
    }
}
