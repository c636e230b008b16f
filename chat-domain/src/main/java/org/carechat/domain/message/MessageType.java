package org.carechat.domain.message;

import java.util.Locale;
import java.util.Optional;

/** What a message carries. {@code call} and {@code system} messages are written by the server only. */
public enum MessageType {
    TEXT(null),
    IMAGE("image/"),
    FILE(""),
    AUDIO("audio/"),
    VIDEO("video/"),
    CALL(null),
    SYSTEM(null);

    private final String mimePrefix;

    MessageType(String mimePrefix) {
        this.mimePrefix = mimePrefix;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (MessageType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Clients may create text and attachment messages; call and system messages come from the server. */
    public boolean clientMayCreate() {
        return this != CALL && this != SYSTEM;
    }

    public boolean carriesAttachment() {
        return mimePrefix != null;
    }

    /**
     * Does a file of {@code mimeType} fit this type (an image message holds an image)? A voice note
     * recorded by a browser comes in a WebM or MP4 container, which is recognised as video from its bytes,
     * so an audio message accepts those containers too.
     */
    public boolean accepts(String mimeType) {
        if (this == AUDIO && (mimeType.equals("video/webm") || mimeType.equals("video/mp4"))) {
            return true;
        }
        return mimePrefix != null && mimeType.startsWith(mimePrefix);
    }
}
