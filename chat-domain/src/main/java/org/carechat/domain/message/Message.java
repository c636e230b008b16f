package org.carechat.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carechat.domain.common.Require;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.UserId;

/**
 * A stored message: its place ({@code seq}) in its conversation, who sent it, what it carries, and what
 * happened to it since (edited, deleted, reacted to). A deleted message keeps its id and seq as a
 * tombstone, without content, attachment or reactions. Optional parts are null when absent.
 */
public record Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, MessageType type,
                      String content, AttachmentRef attachment, MessageId replyTo, String clientMessageId,
                      Instant createdAt, Instant editedAt, boolean deleted, Reactions reactions, CallSummary call,
                      MessagePriority priority, Map<UserId, Instant> acknowledgements, UrgentFollowUp followUp) {

    /** A routine message, acknowledged by no one. */
    public Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, MessageType type,
                   String content, AttachmentRef attachment, MessageId replyTo, String clientMessageId,
                   Instant createdAt, Instant editedAt, boolean deleted, Reactions reactions, CallSummary call) {
        this(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId, createdAt, editedAt,
                deleted, reactions, call, MessagePriority.ROUTINE, Map.of());
    }

    /** A message not followed up (yet). */
    public Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, MessageType type,
                   String content, AttachmentRef attachment, MessageId replyTo, String clientMessageId,
                   Instant createdAt, Instant editedAt, boolean deleted, Reactions reactions, CallSummary call,
                   MessagePriority priority, Map<UserId, Instant> acknowledgements) {
        this(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId, createdAt, editedAt,
                deleted, reactions, call, priority, acknowledgements, UrgentFollowUp.NONE);
    }

    public Message {
        Require.nonNull(priority, "priority");
        acknowledgements = Map.copyOf(Require.nonNull(acknowledgements, "acknowledgements"));
        if (priority != MessagePriority.URGENT && !acknowledgements.isEmpty()) {
            throw new IllegalArgumentException("only an urgent message is acknowledged");
        }
        Require.nonNull(followUp, "followUp");
        if (priority != MessagePriority.URGENT && followUp != UrgentFollowUp.NONE) {
            throw new IllegalArgumentException("only an urgent message is followed up");
        }
        Require.nonNull(id, "id");
        Require.nonNull(conversationId, "conversationId");
        Require.nonNull(senderId, "senderId");
        Require.nonNull(type, "type");
        Require.nonNull(createdAt, "createdAt");
        Require.nonNull(reactions, "reactions");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1: " + seq);
        }
        if (deleted && (content != null || attachment != null || !reactions.isEmpty())) {
            throw new IllegalArgumentException("a deleted message keeps no content, attachment or reactions");
        }
    }

    /**
     * The sender changes the text within the edit window. The new content has already passed the
     * content rules.
     */
    public Message edit(UserId by, String newContent, Instant now, Duration editWindow) {
        if (!senderId.equals(by)) {
            throw Refusal.forbidden("only the sender may edit a message");
        }
        if (deleted) {
            throw Refusal.conflict("a deleted message cannot be edited");
        }
        if (type != MessageType.TEXT && !type.carriesAttachment()) {
            throw Refusal.conflict("this message cannot be edited");
        }
        if (now.isAfter(createdAt.plus(editWindow))) {
            throw Refusal.forbidden("the edit window of " + editWindow.toMinutes() + " minutes has passed");
        }
        // an acknowledgement was of the text as it was: the new text asks for its own
        return new Message(id, conversationId, seq, senderId, type, newContent, attachment, replyTo, clientMessageId,
                createdAt, now, false, reactions, call, priority, Map.of(), followUp);
    }

    /**
     * The sender deletes the message; deleting a tombstone again changes nothing. A deletion is not an
     * edit: {@code editedAt} keeps telling when the text last changed.
     */
    public Message delete(UserId by) {
        if (!senderId.equals(by)) {
            throw Refusal.forbidden("only the sender may delete a message");
        }
        if (deleted) {
            return this;
        }
        return new Message(id, conversationId, seq, senderId, type, null, null, replyTo, clientMessageId,
                createdAt, editedAt, true, Reactions.NONE, call, priority, Map.of(), followUp);
    }

    /**
     * The retention purges the message, whoever sent it: it becomes the tombstone a deletion leaves (no content,
     * attachment, reactions or acknowledgements); purging a tombstone changes nothing.
     */
    public Message purge() {
        return delete(senderId);
    }

    public Message react(UserId by, String emoji) {
        if (!Reactions.isValidEmoji(emoji)) {
            throw Refusal.invalid("emoji must be 1.." + Reactions.MAX_EMOJI_LENGTH + " visible characters");
        }
        if (deleted) {
            throw Refusal.conflict("a deleted message takes no reactions");
        }
        Reactions next = reactions.with(emoji, by);
        if (next.distinct() > Reactions.MAX_DISTINCT) {
            throw Refusal.conflict("a message takes at most " + Reactions.MAX_DISTINCT + " different reactions");
        }
        return withReactions(next);
    }

    public Message unreact(UserId by, String emoji) {
        if (!Reactions.isValidEmoji(emoji)) {
            throw Refusal.invalid("emoji must be 1.." + Reactions.MAX_EMOJI_LENGTH + " visible characters");
        }
        return withReactions(reactions.without(emoji, by));
    }

    private Message withReactions(Reactions next) {
        if (next.equals(reactions)) {
            return this;
        }
        return new Message(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId,
                createdAt, editedAt, deleted, next, call, priority, acknowledgements, followUp);
    }

    /**
     * A recipient acknowledges an urgent message (once: a second acknowledgement changes nothing). The sender does
     * not acknowledge their own; a routine or deleted message takes none.
     */
    public Message acknowledge(UserId by, Instant at) {
        if (senderId.equals(by)) {
            throw Refusal.forbidden("the sender does not acknowledge their own message");
        }
        if (deleted) {
            throw Refusal.conflict("a deleted message takes no acknowledgement");
        }
        if (priority != MessagePriority.URGENT) {
            throw Refusal.conflict("only an urgent message is acknowledged");
        }
        if (acknowledgements.containsKey(by)) {
            return this;
        }
        Map<UserId, Instant> next = new java.util.HashMap<>(acknowledgements);
        next.put(by, at);
        return new Message(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId,
                createdAt, editedAt, deleted, reactions, call, priority, next, followUp);
    }

    /** Whether this is an urgent message still waiting for anyone's acknowledgement. */
    public boolean awaitsAcknowledgement() {
        return priority == MessagePriority.URGENT && !deleted && acknowledgements.isEmpty();
    }

    /**
     * The message followed up one step further ({@code next} after its current step): only while it awaits an
     * acknowledgement, and only forward.
     */
    public Message followedUp(UrgentFollowUp next) {
        if (!awaitsAcknowledgement()) {
            throw Refusal.conflict("the message no longer awaits an acknowledgement");
        }
        if (next.ordinal() != followUp.ordinal() + 1) {
            throw Refusal.conflict("the message is followed up " + followUp + ", not ready for " + next);
        }
        return new Message(id, conversationId, seq, senderId, type, content, attachment, replyTo, clientMessageId,
                createdAt, editedAt, deleted, reactions, call, priority, acknowledgements, next);
    }
}
