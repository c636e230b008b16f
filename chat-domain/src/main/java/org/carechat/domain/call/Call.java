package org.carechat.domain.call;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.message.CallSummary;
import org.carechat.domain.user.UserId;

/**
 * A voice or video call between the two people of a conversation: it rings, becomes active when the
 * callee accepts, and ends as missed (never answered, or cancelled by the caller while ringing),
 * rejected (declined or hung up on by the callee while ringing) or completed (hung up by either side after answering). Media
 * never passes the server; only signalling does.
 */
public record Call(CallId id, ConversationId conversationId, UserId caller, UserId callee, CallMedia media,
                   CallState state, Instant requestedAt, Instant answeredAt, Instant endedAt, CallOutcome outcome) {
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(45);
    /** How long a party of a call may have no open session before the server ends the call. */
    public static final Duration DEFAULT_DISCONNECT_GRACE = Duration.ofSeconds(30);
    /** The longest a call may last once answered. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);

    public Call {
        Require.nonNull(id, "id");
        Require.nonNull(conversationId, "conversationId");
        Require.nonNull(caller, "caller");
        Require.nonNull(callee, "callee");
        Require.nonNull(media, "media");
        Require.nonNull(state, "state");
        Require.nonNull(requestedAt, "requestedAt");
        boolean ended = state == CallState.ENDED;
        if (ended != (outcome != null) || ended != (endedAt != null)) {
            throw new IllegalArgumentException("an ended call, and only an ended call, has an outcome and an end");
        }
    }

    public static Call ring(CallId id, ConversationId conversationId, UserId caller, UserId callee, CallMedia media, Instant now) {
        return new Call(id, conversationId, caller, callee, media, CallState.RINGING, now, null, null, null);
    }

    public boolean involves(UserId user) {
        return caller.equals(user) || callee.equals(user);
    }

    public UserId otherParty(UserId user) {
        if (caller.equals(user)) {
            return callee;
        }
        if (callee.equals(user)) {
            return caller;
        }
        throw new IllegalArgumentException(user + " is not a party of call " + id);
    }

    public Call accept(UserId by, Instant now) {
        requireRinging(by);
        return new Call(id, conversationId, caller, callee, media, CallState.ACTIVE, requestedAt, now, null, null);
    }

    public Call reject(UserId by, Instant now) {
        requireRinging(by);
        return ended(now, CallOutcome.REJECTED);
    }

    /**
     * Either party hangs up: an answered call is completed; one never answered is missed when the caller
     * gives up, and rejected when the callee hangs up on it.
     */
    public Call end(UserId by, Instant now) {
        if (!involves(by)) {
            throw Refusal.notFound("call");
        }
        if (state == CallState.ENDED) {
            throw Refusal.conflict("the call has already ended");
        }
        if (state == CallState.ACTIVE) {
            return ended(now, CallOutcome.COMPLETED);
        }
        return ended(now, callee.equals(by) ? CallOutcome.REJECTED : CallOutcome.MISSED);
    }

    /**
     * The server ends the call on its own (the care relationship ended, the parties are gone, it lasted too
     * long): an answered call is completed, one still ringing is missed. An ended call stays as it is.
     */
    public Call terminate(Instant now) {
        if (state == CallState.ENDED) {
            return this;
        }
        return ended(now, state == CallState.ACTIVE ? CallOutcome.COMPLETED : CallOutcome.MISSED);
    }

    /** The ring timeout passed: still ringing means missed; anything else is unchanged. */
    public Call ringTimedOut(Instant now) {
        return state == CallState.RINGING ? ended(now, CallOutcome.MISSED) : this;
    }

    /** Talk time: from answer to end, zero for a call never answered. */
    public Duration duration() {
        if (answeredAt == null || endedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(answeredAt, endedAt);
    }

    public CallSummary summary() {
        if (state != CallState.ENDED) {
            throw new IllegalStateException("only an ended call has a summary");
        }
        return new CallSummary(id, media, outcome, duration().toSeconds());
    }

    private void requireRinging(UserId by) {
        if (!involves(by)) {
            throw Refusal.notFound("call");
        }
        if (!callee.equals(by)) {
            throw Refusal.forbidden("only the callee may answer a call");
        }
        if (state != CallState.RINGING) {
            throw Refusal.conflict("the call is no longer ringing");
        }
    }

    private Call ended(Instant now, CallOutcome how) {
        return new Call(id, conversationId, caller, callee, media, CallState.ENDED, requestedAt, answeredAt, now, how);
    }
}
