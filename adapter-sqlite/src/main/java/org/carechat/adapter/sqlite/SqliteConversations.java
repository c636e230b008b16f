package org.carechat.adapter.sqlite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Conversations;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * Conversations and their participants' cursors in SQLite ({@link ConversationRows}). Creating a direct
 * conversation and changing one are operations of the one writer: the pair is looked up and its conversation
 * stored with no other write in between, so racing creators get the same conversation; a change reads, applies
 * and writes back in one step, so no concurrent change is lost. A participant's list is read through the
 * {@code participants_user} index, most recently updated first (ties by id).
 */
final class SqliteConversations implements Conversations {
    private final SqliteWriter writer;
    private final Readers readers;

    SqliteConversations(SqliteWriter writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public Optional<Conversation> find(ConversationId id) {
        Objects.requireNonNull(id, "id");
        return readers.read("find a conversation", session -> ConversationRows.find(session, id));
    }

    @Override
    public Optional<Conversation> findDirect(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return readers.read("find a direct conversation",
                session -> ConversationRows.findDirect(session, Conversation.directKey(a, b)));
    }

    @Override
    public Conversation getOrCreateDirect(Conversation candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.participants().size() != 2) {
            throw new IllegalArgumentException("a direct conversation has exactly two participants");
        }
        return writer.write("get or create a direct conversation",
                session -> ConversationRows.getOrCreateDirect(session, candidate));
    }

    @Override
    public Optional<Conversation> update(ConversationId id, UnaryOperator<Conversation> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return writer.write("update a conversation", session -> ConversationRows.update(session, id, change));
    }

    @Override
    public List<Conversation> ofParticipant(UserId user) {
        Objects.requireNonNull(user, "user");
        return readers.read("list conversations", session -> ConversationRows.ofParticipant(session, user));
    }
}
