package org.carechat.domain.retention;

import java.time.Instant;
import org.carechat.domain.common.Ids;
import org.carechat.domain.common.Require;
import org.carechat.domain.common.Text;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.UserId;

/**
 * A legal hold: while it is active, nothing of its target is purged, whatever the retention says. A hold on a
 * patient covers every conversation the patient takes part in; a hold on a conversation covers that one.
 * {@code liftedBy} and {@code liftedAt} are null while it is active.
 */
public record LegalHold(String id, Kind kind, String targetId, String reason, UserId placedBy, Instant placedAt,
                        UserId liftedBy, Instant liftedAt) {
    public static final int MAX_REASON_LENGTH = 500;

    /** What a hold is placed on. */
    public enum Kind {
        PATIENT,
        CONVERSATION
    }

    public LegalHold {
        Ids.requireWellFormed(id, "id");
        Require.nonNull(kind, "kind");
        Ids.requireWellFormed(targetId, "targetId");
        Require.nonBlank(reason, "reason");
        Require.nonNull(placedBy, "placedBy");
        Require.nonNull(placedAt, "placedAt");
        if ((liftedBy == null) != (liftedAt == null)) {
            throw new IllegalArgumentException("a lifted hold names who lifted it and when");
        }
    }

    public boolean active() {
        return liftedAt == null;
    }

    /** Whether this hold, while active, keeps the conversation from being purged. */
    public boolean covers(Conversation conversation) {
        if (!active()) {
            return false;
        }
        return kind == Kind.CONVERSATION ? conversation.id().value().equals(targetId)
                : conversation.isParticipant(UserId.of(targetId));
    }

    /** The hold lifted; a hold is lifted once. */
    public LegalHold lift(UserId by, Instant at) {
        if (!active()) {
            throw Refusal.conflict("the legal hold was lifted already");
        }
        return new LegalHold(id, kind, targetId, reason, placedBy, placedAt, Require.nonNull(by, "by"),
                Require.nonNull(at, "at"));
    }

    /** The reason as it is recorded (stripped); refused when there is none, or when it is too long or malformed. */
    public static String requireReason(String reason) {
        return Text.requireStated(reason, MAX_REASON_LENGTH, "a legal hold needs a reason");
    }
}
