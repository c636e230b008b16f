package org.carechat.domain.attachment;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;

/**
 * What may be uploaded: files up to {@code maxBytes} whose bytes are of an allowed type, and, when the
 * uploader declared a type, of that type.
 */
public record AttachmentRules(long maxBytes, Set<FileType> allowed) {
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final int MAX_NAME_LENGTH = 255;

    public AttachmentRules {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        allowed = Set.copyOf(allowed);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one file type must be allowed");
        }
    }

    public static AttachmentRules standard() {
        return new AttachmentRules(DEFAULT_MAX_BYTES, EnumSet.allOf(FileType.class));
    }

    /** Refuses a file announced as larger than the limit before a byte of it is read. */
    public void checkAnnouncedSize(long announced) {
        if (announced > maxBytes) {
            throw tooLarge();
        }
    }

    public Refusal tooLarge() {
        return new Refusal(new ChatFailure.TooLarge("the file is larger than " + maxBytes + " bytes"));
    }

    /**
     * The type of a file from its first bytes, refusing unknown or disallowed types and a declared
     * type the bytes contradict. {@code declared} may be null or {@code application/octet-stream}
     * (nothing claimed).
     */
    public FileType checkType(byte[] head, int length, String declared) {
        FileType actual = FileType.sniff(head, length)
                .filter(allowed::contains)
                .orElseThrow(() -> new Refusal(new ChatFailure.UnsupportedMediaType(
                        "the file's content is not of an allowed type")));
        boolean claimed = declared != null && !declared.isBlank()
                && !declared.trim().toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
        if (claimed && !actual.isNamedBy(declared)) {
            throw new Refusal(new ChatFailure.UnsupportedMediaType("the file's content does not match its declared type"));
        }
        return actual;
    }

    /** A file name safe to show and to put in a Content-Disposition header: no path, no control characters. */
    public static String safeName(String name, FileType type) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder clean = new StringBuilder();
        base.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && cp != '"' && Character.getType(cp) != Character.FORMAT)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            result = "file." + type.name().toLowerCase(Locale.ROOT);
        }
        if (result.length() > MAX_NAME_LENGTH) {
            // never leave half of a surrogate pair (an emoji) at the cut
            int cut = Character.isHighSurrogate(result.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
            result = result.substring(0, cut);
        }
        return result;
    }
}
