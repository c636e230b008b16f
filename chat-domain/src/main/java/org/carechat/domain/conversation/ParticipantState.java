package org.carechat.domain.conversation;

import org.carechat.domain.message.MessageStatus;

/**
 * One participant's place in a conversation: how far their devices have received ({@code deliveredSeq})
 * and read ({@code readSeq}), and their own muted and pinned flags. Cursors only move forward and reading
 * implies delivery, so {@code readSeq <= deliveredSeq} always holds.
 */
public record ParticipantState(long deliveredSeq, long readSeq, boolean muted, boolean pinned) {
    public static final ParticipantState INITIAL = new ParticipantState(0, 0, false, false);

    public ParticipantState {
        if (readSeq < 0 || deliveredSeq < 0) {
            throw new IllegalArgumentException("cursors are never negative");
        }
        if (readSeq > deliveredSeq) {
            throw new IllegalArgumentException("read implies delivered: readSeq " + readSeq + " > deliveredSeq " + deliveredSeq);
        }
    }

    public ParticipantState deliveredUpTo(long seq) {
        return seq <= deliveredSeq ? this : new ParticipantState(seq, readSeq, muted, pinned);
    }

    public ParticipantState readUpTo(long seq) {
        if (seq <= readSeq) {
            return this;
        }
        return new ParticipantState(Math.max(deliveredSeq, seq), seq, muted, pinned);
    }

    public ParticipantState withMuted(boolean value) {
        return new ParticipantState(deliveredSeq, readSeq, value, pinned);
    }

    public ParticipantState withPinned(boolean value) {
        return new ParticipantState(deliveredSeq, readSeq, muted, value);
    }

    /** Where the message of {@code seq} stands for this participant. */
    public MessageStatus statusOf(long seq) {
        if (readSeq >= seq) {
            return MessageStatus.READ;
        }
        return deliveredSeq >= seq ? MessageStatus.DELIVERED : MessageStatus.SENT;
    }
}
