package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Messages.Appended;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.call.CallId;
import org.carechat.domain.call.CallMedia;
import org.carechat.domain.call.CallOutcome;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.AttachmentRef;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessagePriority;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.Reactions;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.user.UserId;

/**
 * The {@code messages} table: every statement on it and the mapping of a row, as functions of a {@link Session},
 * so that one write operation can combine them with other tables' statements. Writes run on the writer's session
 * (the only one that writes, so a read-then-write here has no race); reads on any.
 */
final class MessageRows {
    static final String COLUMNS = "id, conversation_id, seq, sender_id, type, content, attachment_id, attachment_name,"
            + " attachment_mime_type, attachment_size, reply_to, client_message_id, created_at, edited_at, deleted,"
            + " reactions, call_id, call_media, call_outcome, call_duration_seconds, priority, acknowledgements, follow_up";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM messages WHERE id = ?";
    static final String BY_CLIENT_MESSAGE_ID = "SELECT " + COLUMNS + " FROM messages"
            + " WHERE sender_id = ? AND client_message_id = ?";
    static final String EXISTS = "SELECT 1 FROM messages WHERE id = ?";
    static final String LAST_SEQ = "SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1";
    static final String INSERT = "INSERT INTO messages (" + COLUMNS + ", content_lower)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String REWRITE = "UPDATE messages SET type = ?, content = ?, attachment_id = ?, attachment_name = ?,"
            + " attachment_mime_type = ?, attachment_size = ?, reply_to = ?, created_at = ?, edited_at = ?,"
            + " deleted = ?, reactions = ?, call_id = ?, call_media = ?, call_outcome = ?, call_duration_seconds = ?,"
            + " priority = ?, acknowledgements = ?, follow_up = ?, content_lower = ? WHERE id = ?";
    static final String BEFORE = "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq < ?"
            + " ORDER BY seq DESC LIMIT ?";
    static final String AFTER = "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ?"
            + " ORDER BY seq LIMIT ?";
    /** Messages of a type other than text, by the partial index messages_type (its predicate written out, so it serves). */
    static final String OF_TYPE = "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND type = ?"
            + " AND type <> 'TEXT' ORDER BY seq DESC LIMIT ?";
    /** Text messages, which messages_type leaves out: the conversation's newest first, most of which are text. */
    static final String OF_TYPE_TEXT = "SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND type = 'TEXT'"
            + " ORDER BY seq DESC LIMIT ?";
    static final String SEARCH = "SELECT " + COLUMNS + " FROM messages"
            + " WHERE conversation_id IN (SELECT value FROM json_each(?)) AND deleted = 0 AND instr(content_lower, ?) > 0"
            + " ORDER BY created_at DESC, seq DESC LIMIT ?";
    /** The same predicate as the partial index messages_awaiting_acknowledgement, so that the index serves it. */
    static final String AWAITING_ACKNOWLEDGEMENT = "SELECT " + COLUMNS + " FROM messages"
            + " WHERE priority = 'URGENT' AND deleted = 0 AND acknowledgements IS NULL AND follow_up <> 'ESCALATED'"
            + " AND follow_up = ? AND created_at < ? ORDER BY created_at, id LIMIT ?";
    static final String DUE_IN = "SELECT " + COLUMNS + " FROM messages WHERE conversation_id IN (SELECT value FROM"
            + " json_each(?)) AND deleted = 0 AND created_at < ? ORDER BY created_at, id LIMIT ?";
    static final String DUE_BUT_IN = "SELECT " + COLUMNS + " FROM messages INDEXED BY messages_created WHERE deleted = 0"
            + " AND created_at < ? AND conversation_id NOT IN (SELECT value FROM json_each(?)) ORDER BY created_at, id LIMIT ?";
    static final String REFERENCING = "SELECT " + COLUMNS + " FROM messages WHERE attachment_id = ? AND deleted = 0"
            + " ORDER BY created_at DESC, seq DESC";

    private MessageRows() {
    }

    /**
     * Stores a draft at the next place of its conversation, or answers the sender's message of the same client
     * message id. Writer only.
     */
    static Appended append(Session session, MessageDraft draft) throws SQLException {
        if (draft.clientMessageId() != null) {
            Optional<Message> original = byClientMessageId(session, draft.senderId(), draft.clientMessageId());
            if (original.isPresent()) {
                return new Appended(original.get(), false);
            }
        }
        if (exists(session, draft.id())) {
            throw new IllegalArgumentException("a message with id " + draft.id() + " is already stored");
        }
        Message message = stored(draft.at(lastSeq(session, draft.conversationId()) + 1));
        insert(session, message);
        return new Appended(message, true);
    }

    /** Applies {@code change} to the stored message and writes the result back. Writer only. */
    static Optional<Message> update(Session session, MessageId id, UnaryOperator<Message> change) throws SQLException {
        Optional<Message> found = find(session, id);
        if (found.isEmpty()) {
            return found;
        }
        Message current = found.get();
        Message next = Objects.requireNonNull(change.apply(current), "the change returned no message");
        requireSameIdentity(current, next);
        Message stored = stored(next);
        if (!stored.equals(current)) {
            rewrite(session, stored);
        }
        return Optional.of(stored);
    }

    static Optional<Message> find(Session session, MessageId id) throws SQLException {
        PreparedStatement statement = session.prepared(BY_ID);
        statement.setString(1, id.value());
        return first(statement);
    }

    static Optional<Message> byClientMessageId(Session session, UserId sender, String clientMessageId)
            throws SQLException {
        PreparedStatement statement = session.prepared(BY_CLIENT_MESSAGE_ID);
        statement.setString(1, sender.value());
        statement.setString(2, clientMessageId);
        return first(statement);
    }

    /** The place of the conversation's last message, 0 when it has none: one step down the place index. */
    static long lastSeq(Session session, ConversationId conversation) throws SQLException {
        PreparedStatement statement = session.prepared(LAST_SEQ);
        statement.setString(1, conversation.value());
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    static List<Message> before(Session session, ConversationId conversation, long beforeSeq, int limit)
            throws SQLException {
        if (beforeSeq <= 1) {
            return List.of();
        }
        PreparedStatement statement = session.prepared(BEFORE);
        statement.setString(1, conversation.value());
        statement.setLong(2, beforeSeq);
        statement.setInt(3, limit);
        return list(statement);
    }

    static List<Message> after(Session session, ConversationId conversation, long afterSeq, int limit)
            throws SQLException {
        PreparedStatement statement = session.prepared(AFTER);
        statement.setString(1, conversation.value());
        statement.setLong(2, afterSeq);
        statement.setInt(3, limit);
        return list(statement);
    }

    static List<Message> ofType(Session session, ConversationId conversation, MessageType type, int limit)
            throws SQLException {
        if (type == MessageType.TEXT) {
            PreparedStatement statement = session.prepared(OF_TYPE_TEXT);
            statement.setString(1, conversation.value());
            statement.setInt(2, limit);
            return list(statement);
        }
        PreparedStatement statement = session.prepared(OF_TYPE);
        statement.setString(1, conversation.value());
        statement.setString(2, type.name());
        statement.setInt(3, limit);
        return list(statement);
    }

    /** A literal, case-insensitive substring of the current text, in the given conversations only. */
    static List<Message> search(Session session, Collection<ConversationId> conversations, String text, int limit)
            throws SQLException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(conversations.stream().map(ConversationId::value).toList()));
        PreparedStatement statement = session.prepared(SEARCH);
        statement.setString(1, JsonArrays.strings(ids));
        statement.setString(2, lower(text));
        statement.setInt(3, limit);
        return list(statement);
    }

    static List<Message> awaitingAcknowledgement(Session session, UrgentFollowUp reached, Instant sentBefore, int limit)
            throws SQLException {
        PreparedStatement statement = session.prepared(AWAITING_ACKNOWLEDGEMENT);
        statement.setString(1, reached.name());
        Millis.bind(statement, 2, sentBefore);
        statement.setInt(3, limit);
        return list(statement);
    }

    /** What the retention purges next: not deleted, created before the cutoff, oldest first. */
    static List<Message> purgeCandidates(Session session, Messages.PurgeQuery query) throws SQLException {
        PreparedStatement statement;
        if (query.only().isEmpty()) {
            statement = session.prepared(DUE_BUT_IN);
            statement.setLong(1, Millis.roundedUp(query.before()));
            statement.setString(2, JsonArrays.strings(query.excluding().stream().map(ConversationId::value).toList()));
        } else {
            statement = session.prepared(DUE_IN);
            statement.setString(1, JsonArrays.strings(query.only().stream().map(ConversationId::value).toList()));
            statement.setLong(2, Millis.roundedUp(query.before()));
        }
        statement.setInt(3, query.limit());
        return list(statement);
    }

    static List<Message> referencing(Session session, AttachmentId attachment) throws SQLException {
        PreparedStatement statement = session.prepared(REFERENCING);
        statement.setString(1, attachment.value());
        return list(statement);
    }

    /** The message as it reads back: instants in whole milliseconds. */
    static Message stored(Message m) {
        Map<UserId, Instant> acknowledgements = new LinkedHashMap<>();
        m.acknowledgements().forEach((user, at) -> acknowledgements.put(user, Millis.stored(at)));
        return new Message(m.id(), m.conversationId(), m.seq(), m.senderId(), m.type(), m.content(), m.attachment(),
                m.replyTo(), m.clientMessageId(), Millis.stored(m.createdAt()), Millis.stored(m.editedAt()),
                m.deleted(), m.reactions(), m.call(), m.priority(), acknowledgements, m.followUp());
    }

    /** The lower-case form that search compares; queries are lowered the same way. */
    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Stores a new message; the unique indexes refuse an id, place or retry key that is taken. Writer only. */
    static void insertNew(Session session, Message message) throws SQLException {
        insert(session, stored(message));
    }

    /** Writes {@code next} over the stored message {@code current} (same id, place and sender). Writer only. */
    static void replace(Session session, Message current, Message next) throws SQLException {
        requireSameIdentity(current, next);
        Message stored = stored(next);
        if (!stored.equals(current)) {
            rewrite(session, stored);
        }
    }

    private static boolean exists(Session session, MessageId id) throws SQLException {
        PreparedStatement statement = session.prepared(EXISTS);
        statement.setString(1, id.value());
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    private static void insert(Session session, Message m) throws SQLException {
        PreparedStatement statement = session.prepared(INSERT);
        statement.setString(1, m.id().value());
        statement.setString(2, m.conversationId().value());
        statement.setLong(3, m.seq());
        statement.setString(4, m.senderId().value());
        bindMutable(statement, m, 5);
        statement.executeUpdate();
    }

    /** The columns after the first four, in the order of {@link #COLUMNS}, then content_lower. */
    private static void bindMutable(PreparedStatement statement, Message m, int first) throws SQLException {
        int next = bindContent(statement, m, first);
        Columns.bindText(statement, next++, m.clientMessageId());
        bindRest(statement, m, next);
    }

    private static void rewrite(Session session, Message m) throws SQLException {
        // the place, the sender and the client message id never change: their indexes are left alone
        PreparedStatement statement = session.prepared(REWRITE);
        int next = bindRest(statement, m, bindContent(statement, m, 1));
        statement.setString(next, m.id().value());
        if (statement.executeUpdate() != 1) {
            throw new IllegalStateException("message " + m.id() + " vanished while it was changed");
        }
    }

    /** type, content, the attachment's four columns, reply_to; answers the next index. */
    private static int bindContent(PreparedStatement statement, Message m, int first) throws SQLException {
        int i = first;
        statement.setString(i++, m.type().name());
        Columns.bindText(statement, i++, m.content());
        AttachmentRef attachment = m.attachment();
        Columns.bindText(statement, i++, attachment == null ? null : attachment.id().value());
        Columns.bindText(statement, i++, attachment == null ? null : attachment.name());
        Columns.bindText(statement, i++, attachment == null ? null : attachment.mimeType());
        Columns.bindLong(statement, i++, attachment == null ? null : attachment.size());
        Columns.bindText(statement, i++, m.replyTo() == null ? null : m.replyTo().value());
        return i;
    }

    /**
     * created_at, edited_at, deleted, reactions, the call's four columns, priority, acknowledgements, follow_up,
     * content_lower;
     * answers the next index.
     */
    private static int bindRest(PreparedStatement statement, Message m, int first) throws SQLException {
        int i = first;
        Millis.bind(statement, i++, m.createdAt());
        Millis.bind(statement, i++, m.editedAt());
        statement.setInt(i++, m.deleted() ? 1 : 0);
        Columns.bindText(statement, i++, reactions(m.reactions()));
        CallSummary call = m.call();
        Columns.bindText(statement, i++, call == null ? null : call.callId().value());
        Columns.bindText(statement, i++, call == null ? null : call.media().name());
        Columns.bindText(statement, i++, call == null ? null : call.outcome().name());
        Columns.bindLong(statement, i++, call == null ? null : call.durationSeconds());
        statement.setString(i++, m.priority().name());
        Columns.bindText(statement, i++, acknowledgements(m.acknowledgements()));
        statement.setString(i++, m.followUp().name());
        Columns.bindText(statement, i++, m.content() == null ? null : lower(m.content()));
        return i;
    }

    private static Optional<Message> first(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
    }

    private static List<Message> list(PreparedStatement statement) throws SQLException {
        List<Message> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(read(rows));
            }
        }
        return List.copyOf(found);
    }

    /** A row of {@link #COLUMNS}, in that order. */
    private static Message read(ResultSet rows) throws SQLException {
        String attachmentId = rows.getString(7);
        AttachmentRef attachment = attachmentId == null ? null : new AttachmentRef(AttachmentId.of(attachmentId),
                Columns.requiredText(rows, 8), Columns.requiredText(rows, 9), rows.getLong(10));
        String replyTo = rows.getString(11);
        String callId = rows.getString(17);
        CallSummary call = callId == null ? null : new CallSummary(CallId.of(callId),
                CallMedia.valueOf(Columns.requiredText(rows, 18)), CallOutcome.valueOf(Columns.requiredText(rows, 19)),
                rows.getLong(20));
        return new Message(
                MessageId.of(Columns.requiredText(rows, 1)),
                ConversationId.of(Columns.requiredText(rows, 2)),
                rows.getLong(3),
                UserId.of(Columns.requiredText(rows, 4)),
                MessageType.valueOf(Columns.requiredText(rows, 5)),
                rows.getString(6),
                attachment,
                replyTo == null ? null : MessageId.of(replyTo),
                rows.getString(12),
                Millis.required(rows, 13),
                Millis.read(rows, 14),
                Columns.flag(rows, 15),
                reactions(rows.getString(16)),
                call,
                MessagePriority.valueOf(Columns.requiredText(rows, 21)),
                acknowledgements(rows.getString(22)),
                UrgentFollowUp.valueOf(Columns.requiredText(rows, 23)));
    }

    /** Who acknowledged an urgent message and when, as JSON {@code [[userId, epochMillis], ...]}; null for no one. */
    private static String acknowledgements(Map<UserId, Instant> acknowledgements) {
        if (acknowledgements.isEmpty()) {
            return null;
        }
        List<List<String>> lists = new ArrayList<>(acknowledgements.size());
        acknowledgements.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> lists.add(List.of(entry.getKey().value(), Long.toString(entry.getValue().toEpochMilli()))));
        return JsonArrays.nested(lists);
    }

    private static Map<UserId, Instant> acknowledgements(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<UserId, Instant> read = new LinkedHashMap<>();
        for (List<String> pair : JsonArrays.readNested(json)) {
            if (pair.size() != 2) {
                throw new IllegalStateException("a stored acknowledgement is not [userId, epochMillis]");
            }
            read.put(UserId.of(pair.get(0)), Instant.ofEpochMilli(Long.parseLong(pair.get(1))));
        }
        return read;
    }

    /** Reactions as JSON, each emoji followed by who reacted, in order; null when there are none. */
    private static String reactions(Reactions reactions) {
        if (reactions.isEmpty()) {
            return null;
        }
        List<List<String>> lists = new ArrayList<>(reactions.distinct());
        for (Map.Entry<String, List<UserId>> entry : reactions.byEmoji().entrySet()) {
            List<String> list = new ArrayList<>(entry.getValue().size() + 1);
            list.add(entry.getKey());
            entry.getValue().forEach(user -> list.add(user.value()));
            lists.add(list);
        }
        return JsonArrays.nested(lists);
    }

    private static Reactions reactions(String json) {
        if (json == null) {
            return Reactions.NONE;
        }
        Map<String, List<UserId>> byEmoji = new LinkedHashMap<>();
        for (List<String> list : JsonArrays.readNested(json)) {
            if (list.isEmpty()) {
                throw new IllegalStateException("a stored reaction has no emoji");
            }
            byEmoji.put(list.get(0), list.subList(1, list.size()).stream().map(UserId::of).toList());
        }
        return new Reactions(byEmoji);
    }

    private static void requireSameIdentity(Message current, Message next) {
        if (!next.id().equals(current.id()) || !next.conversationId().equals(current.conversationId())
                || next.seq() != current.seq() || !next.senderId().equals(current.senderId())
                || !Objects.equals(next.clientMessageId(), current.clientMessageId())) {
            throw new IllegalArgumentException("a change may not move a message or change who sent it");
        }
    }
}
