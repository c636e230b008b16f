package org.carechat.domain.presence;

import java.util.Locale;
import java.util.Optional;

/** What a user says about themselves while online. */
public enum Availability {
    AVAILABLE,
    BUSY,
    AWAY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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
