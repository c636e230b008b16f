package org.carechat.domain.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;

/**
 * What may be uploaded and for how long it is kept: files up to {@code maxBytes} whose bytes are of an allowed
 * type, and, when the uploader declared a type, of that type; no more than {@code quotaBytes} stored per
 * uploader; a file that no message carries is deleted once it has been so for {@code unreferencedRetention}.
 */
public record AttachmentRules(long maxBytes, Set<FileType> allowed, long quotaBytes, Duration unreferencedRetention) {
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final long DEFAULT_QUOTA_BYTES = 1024L * 1024 * 1024;
    public static final Duration DEFAULT_UNREFERENCED_RETENTION = Duration.ofHours(24);
    public static final int MAX_NAME_LENGTH = 255;

    public AttachmentRules {
        if (maxBytes < 1 || quotaBytes < 1) {
            throw new IllegalArgumentException("maxBytes and quotaBytes must be positive");
        }
        if (unreferencedRetention == null || unreferencedRetention.isNegative() || unreferencedRetention.isZero()) {
            throw new IllegalArgumentException("unreferencedRetention must be positive");
        }
        allowed = Set.copyOf(allowed);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("at least one file type must be allowed");
        }
    }

    /** The size limit and the allow-list, with the default quota and retention. */
    public AttachmentRules(long maxBytes, Set<FileType> allowed) {
        this(maxBytes, allowed, DEFAULT_QUOTA_BYTES, DEFAULT_UNREFERENCED_RETENTION);
    }

    public static AttachmentRules standard() {
        return new AttachmentRules(DEFAULT_MAX_BYTES, EnumSet.allOf(FileType.class));
    }

    public AttachmentRules withQuotaBytes(long value) {
        return new AttachmentRules(maxBytes, allowed, value, unreferencedRetention);
    }

    public AttachmentRules withUnreferencedRetention(Duration value) {
        return new AttachmentRules(maxBytes, allowed, quotaBytes, value);
    }

    // ---- size and quota

    /** Refuses a file announced as larger than the limit before a byte of it is read. */
    public void checkAnnouncedSize(long announced) {
        if (announced > maxBytes) {
            throw tooLarge();
        }
    }

    public Refusal tooLarge() {
        return new Refusal(new ChatFailure.TooLarge("the file is larger than " + maxBytes + " bytes"));
    }

    /** How many more bytes an uploader who stores {@code storedBytes} may store. */
    public long roomLeft(long storedBytes) {
        return Math.max(0, quotaBytes - storedBytes);
    }

    /** The most one upload may hold for an uploader who stores {@code storedBytes}: the size limit or the room left. */
    public long uploadLimit(long storedBytes) {
        return Math.min(maxBytes, roomLeft(storedBytes));
    }

    /** The refusal of an upload past {@link #uploadLimit}: whichever of the size limit and the quota it broke. */
    public Refusal overLimit(long storedBytes) {
        return roomLeft(storedBytes) < maxBytes ? overQuota(storedBytes) : tooLarge();
    }

    /** Refuses a file of {@code size} bytes that does not fit in the quota of an uploader storing {@code storedBytes}. */
    public void checkQuota(long storedBytes, long size) {
        if (size > roomLeft(storedBytes)) {
            throw overQuota(storedBytes);
        }
    }

    public Refusal overQuota(long storedBytes) {
        return new Refusal(new ChatFailure.TooLarge("the file does not fit in your storage quota of " + quotaBytes
                + " bytes (" + roomLeft(storedBytes) + " bytes left)"));
    }

    // ---- retention

    /** Files that no message has carried since before this instant are due for deletion at {@code now}. */
    public Instant unreferencedCutoff(Instant now) {
        return now.minus(unreferencedRetention);
    }

    // ---- type

    /**
     * What the first bytes of a file may be, refusing bytes of no allowed type and a declared type that names
     * none of the candidates. {@code declared} may be null or {@code application/octet-stream} (nothing claimed).
     * When the sniff needs an inspection, {@link #confirm} settles it on the whole content.
     */
    public Sniff recognise(byte[] head, int length, String declared) {
        Sniff sniff = FileSniffer.sniff(head, length);
        EnumSet<FileType> candidates = EnumSet.noneOf(FileType.class);
        sniff.candidates().stream().filter(allowed::contains).forEach(candidates::add);
        if (candidates.isEmpty()) {
            throw unsupported();
        }
        if (claims(declared) && candidates.stream().noneMatch(type -> type.isNamedBy(declared))) {
            throw mismatch();
        }
        return new Sniff(candidates, sniff.inspection());
    }

    /** The type of the whole file, as {@link #recognise} left it open, refused when it is none or not the declared one. */
    public FileType confirm(Sniff sniff, FileContent content, String declared) throws IOException {
        FileType type = sniff.inspection().identify(content, sniff.candidates()).orElseThrow(AttachmentRules::unsupported);
        if (claims(declared) && !type.isNamedBy(declared)) {
            throw mismatch();
        }
        return type;
    }

    /** Recognises and confirms a file held whole: {@link #recognise} on its first bytes, then {@link #confirm}. */
    public FileType checkType(FileContent content, String declared) throws IOException {
        byte[] head;
        try (InputStream in = content.open()) {
            head = in.readNBytes(FileType.SNIFF_LENGTH);
        }
        return confirm(recognise(head, head.length, declared), content, declared);
    }

    private static boolean claims(String declared) {
        return declared != null && !declared.isBlank()
                && !declared.trim().toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
    }

    private static Refusal unsupported() {
        return new Refusal(new ChatFailure.UnsupportedMediaType("the file's content is not of an allowed type"));
    }

    private static Refusal mismatch() {
        return new Refusal(new ChatFailure.UnsupportedMediaType("the file's content does not match its declared type"));
    }

    // ---- name

    /**
     * A file name safe to show and to put in a Content-Disposition header: no path, no control or invisible
     * formatting characters, at most {@link #MAX_NAME_LENGTH} characters, and an extension of its type, so that
     * whoever saves it opens it as what it was checked to be ({@code setup.exe} holding a PDF is saved as
     * {@code setup.exe.pdf}).
     */
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
            result = "file";
        }
        String stem = result;
        String extension = type.extensions().get(0);
        int dot = result.lastIndexOf('.');
        if (dot >= 0 && type.extensions().contains(result.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            stem = dot == 0 ? "file" : result.substring(0, dot);
            extension = result.substring(dot + 1);
        }
        int room = MAX_NAME_LENGTH - extension.length() - 1;
        if (stem.length() > room) {
            // never leave half of a surrogate pair (an emoji) at the cut
            int cut = Character.isHighSurrogate(stem.charAt(room - 1)) ? room - 1 : room;
            stem = stem.substring(0, cut).strip();
        }
        return stem + "." + extension;
    }
}
