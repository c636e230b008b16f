package org.carechat.application.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.carechat.domain.attachment.AttachmentId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageDraft;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.message.MessageType;
import org.carechat.domain.user.UserId;

/** Where messages are kept, each at its place in its conversation. */
public interface Messages {

    /**
     * Stores a draft at the next place of its conversation. Places are gap-free and strictly increasing
     * per conversation, starting at 1, also when several callers append at once. When the same sender
     * already stored a message with the same {@code clientMessageId}, nothing is stored and that message
     * is returned as it is stored now, also when both attempts race. The key is per sender across all
     * conversations.
     */
    Appended append(MessageDraft draft);

    /** The outcome of {@link #append}: the stored message, and whether this call stored it. */
    record Appended(Message message, boolean created) {
    }

    Optional<Message> find(MessageId id);

    /** The message a sender stored under {@code clientMessageId}, if any. */
    Optional<Message> findByClientMessageId(UserId sender, String clientMessageId);

    /**
     * Applies {@code change} to the stored message atomically (an edit, a deletion, a reaction): no
     * concurrent change is lost. {@code change} may run more than once and must not have side effects;
     * it may throw, and then nothing changes. It never changes the id, conversation, seq, sender or
     * clientMessageId.
     */
    Optional<Message> update(MessageId id, UnaryOperator<Message> change);

    /** Up to {@code limit} messages with a seq below {@code beforeSeq}, newest first. */
    List<Message> before(ConversationId conversation, long beforeSeq, int limit);

    /** Up to {@code limit} messages with a seq above {@code afterSeq}, oldest first. */
    List<Message> after(ConversationId conversation, long afterSeq, int limit);

    /** Up to {@code limit} messages of {@code type} in a conversation, newest first. */
    List<Message> ofType(ConversationId conversation, MessageType type, int limit);

    /**
     * Up to {@code limit} (at least 1) messages of the given conversations whose text contains
     * {@code text} (not empty), ignoring case, newest first by creation time then seq. The text is
     * literal: no character of it has a special meaning. Deleted messages never match.
     */
    List<Message> search(Collection<ConversationId> conversations, String text, int limit);

    /**
     * Up to {@code limit} (at least 1) urgent messages nobody acknowledged, not deleted, followed up as far as
     * {@code reached} and no further, sent before {@code sentBefore}, the oldest first by creation time then id. An
     * escalated message has no step left: for {@link org.carechat.domain.message.UrgentFollowUp#ESCALATED} the answer
     * is empty.
     */
    List<Message> awaitingAcknowledgement(org.carechat.domain.message.UrgentFollowUp reached, java.time.Instant sentBefore,
                                          int limit);

    /** The messages that carry the attachment (a deleted message carries none). */
    List<Message> referencing(AttachmentId attachment);

    /**
     * Up to {@code limit} messages that are not deleted and were created before {@code query.before()}, oldest first
     * (by creation time, then id): what the retention purges next.
     */
    List<Message> purgeCandidates(PurgeQuery query);

    /**
     * @param only      the conversations to look in; empty: every conversation but {@code excluding}
     * @param excluding conversations left out (held, or with a period of their own); ignored when {@code only} is given
     */
    record PurgeQuery(Instant before, Set<ConversationId> only, Set<ConversationId> excluding, int limit) {
        public PurgeQuery {
            if (before == null || limit < 1) {
                throw new IllegalArgumentException("a purge query needs a cutoff and a positive limit");
            }
            only = Set.copyOf(only);
            excluding = Set.copyOf(excluding);
        }

        /** Whether a message of {@code conversation} is one this query looks for. */
        public boolean looksIn(ConversationId conversation) {
            return only.isEmpty() ? !excluding.contains(conversation) : only.contains(conversation);
        }
    }
}
