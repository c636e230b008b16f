package org.carechat.domain.conversation;

import java.util.Locale;
import java.util.Optional;
import org.carechat.domain.user.UserId;

/** Which of my conversations a list shows. */
public enum ConversationFilter {
    ALL,
    UNREAD,
    PINNED;

    public static Optional<ConversationFilter> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(ALL);
        }
        for (ConversationFilter filter : values()) {
            if (filter.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(filter);
            }
        }
        return Optional.empty();
    }

    public boolean accepts(Conversation conversation, UserId viewer) {
        return switch (this) {
            case ALL -> true;
            case UNREAD -> conversation.unreadCountFor(viewer) > 0;
            case PINNED -> conversation.stateOf(viewer).pinned();
        };
    }
}
