package org.carechat.adapter.sqlite;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.carechat.application.port.Messages;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.message.UrgentFollowUp;
import org.carechat.domain.user.UserId;

/**
 * Messages in SQLite, each at its place {@code (conversation_id, seq)} ({@link MessageRows}). An append and an
 * update are operations of the one writer: the next place is read and taken, the idempotency key looked up and
 * the message stored, or the message read, changed and written back, with no other write in between, so places
 * are gap-free, a repeated client message id stores nothing and no concurrent change is lost, without retries.
 * Reads use the readers' connections and see what is committed. History pages are ranges of the place index.
 */
final class SqliteMessages implements Messages {
    private final SqliteWriter writer;
    private final Readers readers;

    SqliteMessages(SqliteWriter writer, Readers readers) {
        this.writer = writer;
        this.readers = readers;
    }

    @Override
    public Appended append(MessageDraft draft) {
        Objects.requireNonNull(draft, "draft");
        return writer.write("append a message", session -> MessageRows.append(session, draft));
    }

    @Override
    public Optional<Message> find(MessageId id) {
        Objects.requireNonNull(id, "id");
        return readers.read("find a message", session -> MessageRows.find(session, id));
    }

    @Override
    public Optional<Message> findByClientMessageId(UserId sender, String clientMessageId) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        return readers.read("find a message by client message id",
                session -> MessageRows.byClientMessageId(session, sender, clientMessageId));
    }

    @Override
    public Optional<Message> update(MessageId id, UnaryOperator<Message> change) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        return writer.write("update a message", session -> MessageRows.update(session, id, change));
    }

    @Override
    public List<Message> before(ConversationId conversation, long beforeSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        requirePositive(limit);
        return readers.read("read history", session -> MessageRows.before(session, conversation, beforeSeq, limit));
    }

    @Override
    public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        requirePositive(limit);
        return readers.read("read history", session -> MessageRows.after(session, conversation, afterSeq, limit));
    }

    @Override
    public List<Message> ofType(ConversationId conversation, MessageType type, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(type, "type");
        requirePositive(limit);
        return readers.read("read messages of a type", session -> MessageRows.ofType(session, conversation, type, limit));
    }

    @Override
    public List<Message> search(Collection<ConversationId> conversations, String text, int limit) {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(text, "text");
        requirePositive(limit);
        if (conversations.isEmpty()) {
            return List.of();
        }
        return readers.read("search messages", session -> MessageRows.search(session, conversations, text, limit));
    }

    @Override
    public List<Message> awaitingAcknowledgement(UrgentFollowUp reached, Instant sentBefore, int limit) {
        Objects.requireNonNull(reached, "reached");
        Objects.requireNonNull(sentBefore, "sentBefore");
        requirePositive(limit);
        return readers.read("find urgent messages awaiting an acknowledgement",
                session -> MessageRows.awaitingAcknowledgement(session, reached, sentBefore, limit));
    }

    @Override
    public List<Message> purgeCandidates(PurgeQuery query) {
        Objects.requireNonNull(query, "query");
        return readers.read("find messages due for purging", session -> MessageRows.purgeCandidates(session, query));
    }

    @Override
    public List<Message> referencing(AttachmentId attachment) {
        Objects.requireNonNull(attachment, "attachment");
        return readers.read("find messages carrying an attachment", session -> MessageRows.referencing(session, attachment));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
