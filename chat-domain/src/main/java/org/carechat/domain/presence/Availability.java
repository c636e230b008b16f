package org.carechat.domain.presence;

import java.util.Locale;
import java.util.Optional;

/** What a user says about themselves while online. */
public enum Availability {
    AVAILABLE,
    BUSY,
    AWAY;

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<Availability> parse(String value) {
        for (Availability availability : values()) {
            if (availability.wireName().equals(value)) {
                return Optional.of(availability);
            }
        }
        return Optional.empty();
    }
}
