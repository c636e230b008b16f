package org.carechat.domain.message;

import java.util.Locale;
import java.util.Optional;

/**
 * How soon a message asks to be seen, in FHIR's words: {@code routine}, or {@code urgent}, which asks its recipients
 * to acknowledge it.
 */
public enum MessagePriority {
    ROUTINE,
    URGENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessagePriority> fromWire(String value) {
        for (MessagePriority priority : values()) {
            if (priority.wireName().equals(value)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }
}
