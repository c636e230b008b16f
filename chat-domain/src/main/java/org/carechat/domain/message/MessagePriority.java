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

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
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
