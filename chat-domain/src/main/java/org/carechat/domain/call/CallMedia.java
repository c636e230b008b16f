package org.carechat.domain.call;

import java.util.Locale;
import java.util.Optional;

/** Voice or video. */
public enum CallMedia {
    AUDIO,
    VIDEO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
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
