package org.carechat.domain.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.carechat.domain.common.Require;
import org.carechat.domain.message.Message;
import org.carechat.domain.message.MessageStatus;
import org.carechat.domain.user.UserId;

/**
 * A conversation between its participants, with the sequence number of its last message and each
 * participant's cursors. Unread counts and message statuses are derived from those, never stored.
 */
public record Conversation(ConversationId id, List<UserId> participants, Map<UserId, ParticipantState> states,
                           long lastSeq, Instant createdAt, Instant updatedAt) {

    public Conversation {
        Require.nonNull(id, "id");
        Require.nonNull(createdAt, "createdAt");
        Require.nonNull(updatedAt, "updatedAt");
        Require.nonNegative(lastSeq, "lastSeq");
        participants = List.copyOf(participants);
        if (participants.size() < 2 || new HashSet<>(participants).size() != participants.size()) {
            throw new IllegalArgumentException("a conversation has at least two distinct participants");
        }
        if (!participants.containsAll(states.keySet())) {
            throw new IllegalArgumentException("state for someone who is not a participant");
        }
        @SuppressWarnings("unchecked")
        Map.Entry<UserId, ParticipantState>[] entries = new Map.Entry[participants.size()];
        for (int i = 0; i < entries.length; i++) {
            UserId participant = participants.get(i);
            entries[i] = Map.entry(participant, states.getOrDefault(participant, ParticipantState.INITIAL));
        }
        states = Map.ofEntries(entries);
    }

    /** A new direct conversation between two people, with nothing in it yet. */
    public static Conversation direct(ConversationId id, UserId first, UserId second, Instant now) {
        return new Conversation(id, List.of(first, second), Map.of(), 0, now, now);
    }

    /**
     * The key that makes a direct conversation unique: the two participants in a fixed order, so that
     * A-to-B and B-to-A find the same conversation.
     */
    public static String directKey(UserId a, UserId b) {
        return a.compareTo(b) <= 0 ? a.value() + "|" + b.value() : b.value() + "|" + a.value();
    }

    public String directKey() {
        return directKey(participants.get(0), participants.get(1));
    }

    /** The seq the next message takes; every message stored so far comes before it. */
    public long nextSeq() {
        return lastSeq + 1;
    }

    public boolean isParticipant(UserId user) {
        return states.containsKey(user);
    }

    public ParticipantState stateOf(UserId user) {
        ParticipantState state = states.get(user);
        if (state == null) {
            throw new IllegalArgumentException(user + " does not take part in " + id);
        }
        return state;
    }

    public List<UserId> othersThan(UserId user) {
        List<UserId> others = new ArrayList<>(participants.size());
        for (UserId participant : participants) {
            if (!participant.equals(user)) {
                others.add(participant);
            }
        }
        return Collections.unmodifiableList(others);
    }

    /**
     * Messages after the participant's read cursor. A person's own message moves their read cursor, so it never
     * counts; a call or system record counts for everybody until they read it.
     */
    public long unreadCountFor(UserId user) {
        return Math.max(0, lastSeq - stateOf(user).readSeq());
    }

    /** The sender's view of a message: the least advanced among the other participants. */
    public MessageStatus statusOf(Message message) {
        MessageStatus status = MessageStatus.READ;
        for (UserId other : othersThan(message.senderId())) {
            MessageStatus theirs = states.get(other).statusOf(message.seq());
            if (theirs.ordinal() < status.ordinal()) {
                status = theirs;
            }
        }
        return status;
    }

    /**
     * A message was stored: the conversation moves on. A person who writes has seen everything before, so
     * their read cursor moves to it; a record the server writes in someone's name (a call, a system note)
     * moves nobody's cursor, or it would show as read what its "sender" never opened.
     */
    public Conversation withMessage(Message message) {
        if (!message.type().clientMayCreate()) {
            return withRecord(message.seq(), message.createdAt());
        }
        return withMessage(message.seq(), message.senderId(), message.createdAt());
    }

    /** A message of {@code seq} by {@code sender} was stored at {@code at}: the sender has seen it all. */
    public Conversation withMessage(long seq, UserId sender, Instant at) {
        long last = Math.max(lastSeq, seq);
        Instant updated = at.isAfter(updatedAt) ? at : updatedAt;
        return with(sender, stateOf(sender).readUpTo(seq), last, updated);
    }

    /** A server-written record of {@code seq} was stored at {@code at}: only the last seq and the time move. */
    public Conversation withRecord(long seq, Instant at) {
        long last = Math.max(lastSeq, seq);
        Instant updated = at.isAfter(updatedAt) ? at : updatedAt;
        return new Conversation(id, participants, states, last, createdAt, updated);
    }

    /** Cursor moves are capped at the last message: nobody receives or reads what does not exist yet. */
    public Conversation deliveredUpTo(UserId user, long seq) {
        return with(user, stateOf(user).deliveredUpTo(Math.min(seq, lastSeq)), lastSeq, updatedAt);
    }

    public Conversation readUpTo(UserId user, long seq) {
        return with(user, stateOf(user).readUpTo(Math.min(seq, lastSeq)), lastSeq, updatedAt);
    }

    public Conversation mutedBy(UserId user, boolean muted) {
        return with(user, stateOf(user).withMuted(muted), lastSeq, updatedAt);
    }

    public Conversation pinnedBy(UserId user, boolean pinned) {
        return with(user, stateOf(user).withPinned(pinned), lastSeq, updatedAt);
    }

    private Conversation with(UserId user, ParticipantState state, long last, Instant updated) {
        Map<UserId, ParticipantState> next = new HashMap<>(states);
        next.put(user, state);
        return new Conversation(id, participants, next, last, createdAt, updated);
    }
}
