package org.carechat.adapter.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.conversation.ParticipantState;
import org.carechat.domain.user.UserId;

/**
 * The {@code conversations} table and its {@code participants} (one row per participant and their cursors, in
 * the order of the conversation's participants): every statement and the mapping, as functions of a
 * {@link Session}. A conversation is read in one statement, its row joined with its participants' rows.
 */
final class ConversationRows {
    private static final String SELECT = "SELECT c.id, c.last_seq, c.created_at, c.updated_at,"
            + " p.user_id, p.delivered_seq, p.read_seq, p.muted, p.pinned";
    static final String BY_ID = SELECT + " FROM conversations c JOIN participants p ON p.conversation_id = c.id"
            + " WHERE c.id = ? ORDER BY p.position";
    static final String BY_DIRECT_KEY = SELECT + " FROM conversations c JOIN participants p ON p.conversation_id = c.id"
            + " WHERE c.direct_key = ? ORDER BY p.position";
    static final String OF_PARTICIPANT = SELECT + " FROM participants me"
            + " JOIN conversations c ON c.id = me.conversation_id JOIN participants p ON p.conversation_id = c.id"
            + " WHERE me.user_id = ? ORDER BY c.updated_at DESC, c.id, p.position";
    static final String EXISTS = "SELECT 1 FROM conversations WHERE id = ?";
    static final String INSERT = "INSERT INTO conversations (id, direct_key, last_seq, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_PARTICIPANT = "INSERT INTO participants (conversation_id, position, user_id,"
            + " delivered_seq, read_seq, muted, pinned) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String REWRITE = "UPDATE conversations SET last_seq = ?, created_at = ?, updated_at = ? WHERE id = ?";
    static final String REWRITE_PARTICIPANT = "UPDATE participants SET delivered_seq = ?, read_seq = ?, muted = ?,"
            + " pinned = ? WHERE conversation_id = ? AND position = ?";

    private ConversationRows() {
    }

    static Optional<Conversation> find(Session session, ConversationId id) throws SQLException {
        PreparedStatement statement = session.prepared(BY_ID);
        statement.setString(1, id.value());
        return single(statement);
    }

    static Optional<Conversation> findDirect(Session session, String directKey) throws SQLException {
        PreparedStatement statement = session.prepared(BY_DIRECT_KEY);
        statement.setString(1, directKey);
        return single(statement);
    }

    static List<Conversation> ofParticipant(Session session, UserId user) throws SQLException {
        PreparedStatement statement = session.prepared(OF_PARTICIPANT);
        statement.setString(1, user.value());
        return read(statement);
    }

    /** The pair's direct conversation, stored now from {@code candidate} when there is none. Writer only. */
    static Conversation getOrCreateDirect(Session session, Conversation candidate) throws SQLException {
        Optional<Conversation> existing = findDirect(session, candidate.directKey());
        if (existing.isPresent()) {
            return existing.get();
        }
        if (exists(session, candidate.id())) {
            throw new IllegalArgumentException("conversation " + candidate.id() + " already exists");
        }
        Conversation stored = stored(candidate);
        insert(session, stored);
        return stored;
    }

    /** Applies {@code change} to the stored conversation and writes what changed. Writer only. */
    static Optional<Conversation> update(Session session, ConversationId id, UnaryOperator<Conversation> change)
            throws SQLException {
        Optional<Conversation> found = find(session, id);
        if (found.isEmpty()) {
            return found;
        }
        Conversation current = found.get();
        Conversation next = Objects.requireNonNull(change.apply(current), "the change returned no conversation");
        if (!next.id().equals(current.id()) || !next.participants().equals(current.participants())) {
            throw new IllegalArgumentException("a change may not change who takes part in a conversation");
        }
        Conversation stored = stored(next);
        if (!stored.equals(current)) {
            rewrite(session, current, stored);
        }
        return Optional.of(stored);
    }

    /** Stores a new conversation. Writer only. */
    static void insertNew(Session session, Conversation conversation) throws SQLException {
        insert(session, stored(conversation));
    }

    /** Writes what changed from the stored conversation {@code current} to {@code next}. Writer only. */
    static void replace(Session session, Conversation current, Conversation next) throws SQLException {
        if (!next.id().equals(current.id()) || !next.participants().equals(current.participants())) {
            throw new IllegalArgumentException("a change may not change who takes part in a conversation");
        }
        Conversation stored = stored(next);
        if (!stored.equals(current)) {
            rewrite(session, current, stored);
        }
    }

    /** The conversation as it reads back: instants in whole milliseconds. */
    static Conversation stored(Conversation c) {
        return new Conversation(c.id(), c.participants(), c.states(), c.lastSeq(), Millis.stored(c.createdAt()),
                Millis.stored(c.updatedAt()));
    }

    private static boolean exists(Session session, ConversationId id) throws SQLException {
        PreparedStatement statement = session.prepared(EXISTS);
        statement.setString(1, id.value());
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    private static void insert(Session session, Conversation c) throws SQLException {
        PreparedStatement statement = session.prepared(INSERT);
        statement.setString(1, c.id().value());
        Columns.bindText(statement, 2, c.participants().size() == 2 ? c.directKey() : null);
        statement.setLong(3, c.lastSeq());
        Millis.bind(statement, 4, c.createdAt());
        Millis.bind(statement, 5, c.updatedAt());
        statement.executeUpdate();
        PreparedStatement participant = session.prepared(INSERT_PARTICIPANT);
        for (int position = 0; position < c.participants().size(); position++) {
            UserId user = c.participants().get(position);
            ParticipantState state = c.stateOf(user);
            participant.setString(1, c.id().value());
            participant.setInt(2, position);
            participant.setString(3, user.value());
            participant.setLong(4, state.deliveredSeq());
            participant.setLong(5, state.readSeq());
            participant.setInt(6, state.muted() ? 1 : 0);
            participant.setInt(7, state.pinned() ? 1 : 0);
            participant.executeUpdate();
        }
    }

    /** Writes the conversation's row if it changed, and the rows of the participants whose state changed. */
    private static void rewrite(Session session, Conversation current, Conversation next) throws SQLException {
        if (current.lastSeq() != next.lastSeq() || !current.createdAt().equals(next.createdAt())
                || !current.updatedAt().equals(next.updatedAt())) {
            PreparedStatement statement = session.prepared(REWRITE);
            statement.setLong(1, next.lastSeq());
            Millis.bind(statement, 2, next.createdAt());
            Millis.bind(statement, 3, next.updatedAt());
            statement.setString(4, next.id().value());
            statement.executeUpdate();
        }
        for (int position = 0; position < next.participants().size(); position++) {
            UserId user = next.participants().get(position);
            ParticipantState state = next.stateOf(user);
            if (state.equals(current.stateOf(user))) {
                continue;
            }
            PreparedStatement statement = session.prepared(REWRITE_PARTICIPANT);
            statement.setLong(1, state.deliveredSeq());
            statement.setLong(2, state.readSeq());
            statement.setInt(3, state.muted() ? 1 : 0);
            statement.setInt(4, state.pinned() ? 1 : 0);
            statement.setString(5, next.id().value());
            statement.setInt(6, position);
            statement.executeUpdate();
        }
    }

    private static Optional<Conversation> single(PreparedStatement statement) throws SQLException {
        List<Conversation> found = read(statement);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Rows of {@link #SELECT}, one per participant, a conversation's rows next to each other in position order. */
    private static List<Conversation> read(PreparedStatement statement) throws SQLException {
        List<Conversation> conversations = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            String id = null;
            long lastSeq = 0;
            Instant createdAt = null;
            Instant updatedAt = null;
            List<UserId> participants = new ArrayList<>();
            Map<UserId, ParticipantState> states = new LinkedHashMap<>();
            while (rows.next()) {
                String rowId = Columns.requiredText(rows, 1);
                if (!rowId.equals(id)) {
                    if (id != null) {
                        conversations.add(conversation(id, participants, states, lastSeq, createdAt, updatedAt));
                    }
                    id = rowId;
                    lastSeq = rows.getLong(2);
                    createdAt = Millis.required(rows, 3);
                    updatedAt = Millis.required(rows, 4);
                    participants = new ArrayList<>();
                    states = new LinkedHashMap<>();
                }
                UserId user = UserId.of(Columns.requiredText(rows, 5));
                participants.add(user);
                states.put(user, new ParticipantState(rows.getLong(6), rows.getLong(7), Columns.flag(rows, 8),
                        Columns.flag(rows, 9)));
            }
            if (id != null) {
                conversations.add(conversation(id, participants, states, lastSeq, createdAt, updatedAt));
            }
        }
        return List.copyOf(conversations);
    }

    private static Conversation conversation(String id, List<UserId> participants, Map<UserId, ParticipantState> states,
                                             long lastSeq, Instant createdAt, Instant updatedAt) {
        return new Conversation(ConversationId.of(id), participants, states, lastSeq, createdAt, updatedAt);
    }
}
