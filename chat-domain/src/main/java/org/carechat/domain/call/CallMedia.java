package org.carechat.domain.call;

import java.util.Locale;
import java.util.Optional;

/** Voice or video. */
public enum CallMedia {
    AUDIO,
    VIDEO;

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Optional<CallMedia> parse(String value) {
        for (CallMedia media : values()) {
            if (media.wireName().equals(value)) {
                return Optional.of(media);
            }
        }
        return Optional.empty();
    }
}
