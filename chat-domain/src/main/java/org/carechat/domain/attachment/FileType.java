package org.carechat.domain.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file types CareChat can recognise from their first bytes (their magic numbers). A declared
 * Content-Type is only a claim; the bytes decide.
 */
public enum FileType {
    JPEG("image/jpeg", "image/jpg", "image/pjpeg"),
    PNG("image/png"),
    GIF("image/gif"),
    WEBP("image/webp"),
    PDF("application/pdf", "application/x-pdf"),
    MP3("audio/mpeg", "audio/mp3"),
    OGG("audio/ogg", "application/ogg"),
    WAV("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    M4A("audio/mp4", "audio/x-m4a", "audio/m4a"),
    MP4("video/mp4", "audio/mp4"),
    WEBM("video/webm", "audio/webm");

    /** How many leading bytes {@link #sniff} needs at most. */
    public static final int SNIFF_LENGTH = 16;

    /** HEIF and AVIF images share the MP4 container: their brand, not the container, says they are pictures. */
    private static final List<String> IMAGE_BRANDS =
            List.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis");

    private final String mimeType;
    private final String[] aliases;

    FileType(String mimeType, String... aliases) {
        this.mimeType = mimeType;
        this.aliases = aliases;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Does a declared type (parameters and case ignored) name this file type? */
    public boolean isNamedBy(String declared) {
        String bare = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return bare.equals(mimeType) || Arrays.asList(aliases).contains(bare);
    }

    /** The type whose magic number starts {@code head} (the first {@code length} bytes of the file), if any. */
    public static Optional<FileType> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (ascii(head, length, 0, "%PDF-")) {
            return Optional.of(PDF);
        }
        if (ascii(head, length, 0, "ID3") || mpegFrame(head, length)) {
            return Optional.of(MP3);
        }
        if (ascii(head, length, 0, "OggS")) {
            return Optional.of(OGG);
        }
        if (ascii(head, length, 4, "ftyp")) {
            if (IMAGE_BRANDS.stream().anyMatch(brand -> ascii(head, length, 8, brand))) {
                return Optional.empty();
            }
            return Optional.of(ascii(head, length, 8, "M4A ") ? M4A : MP4);
        }
        if (startsWith(head, length, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of(WEBM);
        }
        return Optional.empty();
    }

    private static boolean mpegFrame(byte[] head, int length) {
        return length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0;
    }

    private static boolean ascii(byte[] head, int length, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (offset + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (head[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... expected) {
        if (offset + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
