package org.carechat.domain.presence;

import java.time.Duration;
import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.user.UserId;

/**
 * Someone is typing in a conversation. Ephemeral: it expires {@link #DEFAULT_TTL} after the last
 * renewal unless stopped before.
 */
public record TypingIndicator(ConversationId conversationId, UserId user, Instant expiresAt) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(6);

    public TypingIndicator {
        Require.nonNull(conversationId, "conversationId");
        Require.nonNull(user, "user");
        Require.nonNull(expiresAt, "expiresAt");
    }

    public static TypingIndicator started(ConversationId conversationId, UserId user, Instant now, Duration ttl) {
        return new TypingIndicator(conversationId, user, now.plus(ttl));
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
