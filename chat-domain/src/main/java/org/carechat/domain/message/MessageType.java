package org.carechat.domain.message;

import java.util.Locale;
import java.util.Optional;
import org.carechat.domain.attachment.FileType;

/** What a message carries. {@code call} and {@code system} messages are written by the server only. */
public enum MessageType {
    TEXT,
    IMAGE,
    FILE,
    AUDIO,
    VIDEO,
    CALL,
    SYSTEM;

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
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
        return this == IMAGE || this == FILE || this == AUDIO || this == VIDEO;
    }

    /**
     * Does a file stored as {@code mimeType} fit this type? A type CareChat does not know fits a file message
     * only.
     */
    public boolean accepts(String mimeType) {
        return FileType.ofMimeType(mimeType).map(this::accepts).orElse(this == FILE);
    }

    /**
     * Does a file of {@code type} fit this type? A message's type says how clients show it: an image message
     * holds a picture shown inline (never active content such as SVG, which is only ever a download), an audio
     * message a sound, a video message a video, and a file message anything, to be downloaded. A voice note
     * recorded by Safari comes as MP4, which the bytes cannot tell from a video, so an audio message accepts MP4
     * too.
     */
    public boolean accepts(FileType type) {
        return switch (this) {
            case IMAGE -> type.family() == FileType.Family.IMAGE && !type.isActiveContent();
            case AUDIO -> type.family() == FileType.Family.AUDIO || type == FileType.MP4;
            case VIDEO -> type.family() == FileType.Family.VIDEO;
            case FILE -> true;
            case TEXT, CALL, SYSTEM -> false;
        };
    }
}
