package org.carechat.domain.attachment;

import static org.carechat.domain.attachment.Bytes.ascii;
import static org.carechat.domain.attachment.Bytes.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads the first bytes of a file (at most {@link FileType#SNIFF_LENGTH}) for what it is: magic numbers, and
 * for containers the few fields that tell what they hold (the RIFF form, the ISO media brand, the codec of each
 * Ogg stream, the EBML document type). What the first bytes cannot settle (the entries of a ZIP or of an OLE2
 * compound file, the tracks of a WebM, the streams of an ASF, text to its last byte) is left to an
 * {@link Inspection} of the whole content.
 */
public final class FileSniffer {
    /** HEIF and AVIF pictures share the ISO media container: their brand, not the container, says they are pictures. */
    private static final List<String> IMAGE_BRANDS =
            List.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis");
    private static final List<String> AUDIO_BRANDS = List.of("M4A ", "M4B ", "M4P ");
    /** Top-level atoms an old QuickTime movie (before the ftyp box existed) starts with. */
    private static final List<String> QUICKTIME_ATOMS = List.of("moov", "mdat", "wide", "pnot");
    private static final byte[] ASF_HEADER = Bytes.guid("75B22630-668E-11CF-A6D9-00AA0062CE6C");
    private static final int EBML_DOC_TYPE = 0x4282;

    private FileSniffer() {
    }

    /** What the first {@code length} bytes of a file show. */
    public static Sniff sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (startsWith(head, n, 0, 0xFF, 0xD8, 0xFF)) {
            return Sniff.of(FileType.JPEG);
        }
        if (startsWith(head, n, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Sniff.of(FileType.PNG);
        }
        if (ascii(head, n, 0, "GIF87a") || ascii(head, n, 0, "GIF89a")) {
            return Sniff.of(FileType.GIF);
        }
        if (ascii(head, n, 0, "RIFF")) {
            return riff(head, n);
        }
        if (ascii(head, n, 0, "%PDF-")) {
            return Sniff.of(FileType.PDF);
        }
        if (ascii(head, n, 0, "ID3") && n >= 10) {
            return afterId3Tag(head, n);
        }
        if (mpegAudioFrame(head, n, 0)) {
            return Sniff.of(FileType.MP3);
        }
        if (adtsFrame(head, n, 0) || ascii(head, n, 0, "ADIF")) {
            return Sniff.of(FileType.AAC);
        }
        if (ascii(head, n, 0, "OggS")) {
            return ogg(head, n);
        }
        if (ascii(head, n, 4, "ftyp")) {
            return isoMedia(head, n);
        }
        if (QUICKTIME_ATOMS.stream().anyMatch(atom -> ascii(head, n, 4, atom))) {
            return Sniff.of(FileType.MOV);
        }
        if (startsWith(head, n, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return "webm".equals(ebmlDocType(head, n))
                    ? Sniff.inspect(Inspection.WEBM_TRACKS, FileType.WEBM_AUDIO, FileType.WEBM_VIDEO)
                    : Sniff.unknown();
        }
        if (Bytes.guidAt(head, n, 0, ASF_HEADER)) {
            return Sniff.inspect(Inspection.ASF_STREAMS, FileType.WMV);
        }
        if (startsWith(head, n, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Sniff.inspect(Inspection.COMPOUND_FILE, FileType.DOC, FileType.XLS, FileType.PPT);
        }
        if (startsWith(head, n, 0, 'P', 'K', 0x03, 0x04)) {
            return Sniff.inspect(Inspection.OFFICE_OPEN_XML, FileType.DOCX, FileType.XLSX, FileType.PPTX);
        }
        if (n > 0 && Utf8Text.isText(head, n, true)) {
            return Sniff.inspect(Inspection.TEXT, isSvg(head, n) ? FileType.SVG : FileType.TXT);
        }
        return Sniff.unknown();
    }

    private static Sniff riff(byte[] head, int n) {
        if (ascii(head, n, 8, "WEBP")) {
            return Sniff.of(FileType.WEBP);
        }
        if (ascii(head, n, 8, "WAVE")) {
            return Sniff.of(FileType.WAV);
        }
        if (ascii(head, n, 8, "AVI ")) {
            return Sniff.of(FileType.AVI);
        }
        return Sniff.unknown();
    }

    /**
     * An ID3v2 tag starts MP3 files and some raw AAC ones; the first frame after it says which. A tag longer
     * than the first bytes (cover art) is looked past in the whole content.
     */
    private static Sniff afterId3Tag(byte[] head, int n) {
        long end = id3TagEnd(head);
        if (end < 0) {
            return Sniff.unknown();
        }
        if (end + 4 > n) {
            return Sniff.inspect(Inspection.AFTER_ID3_TAG, FileType.MP3, FileType.AAC);
        }
        return frameAfterTag(head, n, (int) end);
    }

    /** The type of the audio frame at {@code offset}, after an ID3 tag. */
    static Sniff frameAfterTag(byte[] bytes, int n, int offset) {
        if (mpegAudioFrame(bytes, n, offset)) {
            return Sniff.of(FileType.MP3);
        }
        if (adtsFrame(bytes, n, offset)) {
            return Sniff.of(FileType.AAC);
        }
        return Sniff.unknown();
    }

    /** Where the ID3v2 tag that starts {@code header} (its first 10 bytes) ends, or -1 when it is not one. */
    static long id3TagEnd(byte[] header) {
        int version = header[3] & 0xFF;
        if (version < 2 || version > 4) {
            return -1;
        }
        long size = 0;
        for (int i = 6; i < 10; i++) {
            int b = header[i] & 0xFF;
            if (b > 0x7F) {
                return -1;
            }
            size = size << 7 | b;
        }
        boolean footer = (header[5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /** An MPEG audio frame header (layer I, II or III): eleven sync bits, then a layer that is not reserved. */
    private static boolean mpegAudioFrame(byte[] head, int n, int offset) {
        return offset + 2 <= n && (head[offset] & 0xFF) == 0xFF && (head[offset + 1] & 0xE0) == 0xE0
                && (head[offset + 1] & 0x06) != 0;
    }

    /** An AAC ADTS frame header: twelve sync bits, then layer 0 (which MPEG audio frames never have). */
    private static boolean adtsFrame(byte[] head, int n, int offset) {
        return offset + 2 <= n && (head[offset] & 0xFF) == 0xFF && (head[offset + 1] & 0xF6) == 0xF0;
    }

    /** An ISO media file (an ftyp box first): its major brand says QuickTime, M4A audio, a HEIF picture or MP4. */
    private static Sniff isoMedia(byte[] head, int n) {
        if (n < 12) {
            return Sniff.unknown();
        }
        String brand = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        if (IMAGE_BRANDS.contains(brand)) {
            return Sniff.unknown();
        }
        if (brand.equals("qt  ")) {
            return Sniff.of(FileType.MOV);
        }
        return Sniff.of(AUDIO_BRANDS.contains(brand) ? FileType.M4A : FileType.MP4);
    }

    /**
     * An Ogg file starts with one beginning-of-stream page per logical stream, each holding that stream's codec
     * identification: any video codec makes the file a video, sound codecs alone a sound. A codec CareChat does not
     * know makes the file unknown.
     */
    private static Sniff ogg(byte[] head, int n) {
        int pos = 0;
        boolean audio = false;
        boolean video = false;
        while (pos + 27 <= n && ascii(head, n, pos, "OggS")) {
            boolean beginning = (head[pos + 5] & 0x02) != 0;
            if (!beginning) {
                break;
            }
            int segments = head[pos + 26] & 0xFF;
            if (pos + 27 + segments > n) {
                break;
            }
            int body = 0;
            for (int i = 0; i < segments; i++) {
                body += head[pos + 27 + i] & 0xFF;
            }
            int data = pos + 27 + segments;
            switch (oggCodec(head, n, data)) {
                case AUDIO -> audio = true;
                case VIDEO -> video = true;
                case SKELETON -> { }
                case UNKNOWN -> {
                    return Sniff.unknown();
                }
            }
            pos = data + body;
        }
        if (video) {
            return Sniff.of(FileType.OGG_VIDEO);
        }
        return audio ? Sniff.of(FileType.OGG) : Sniff.unknown();
    }

    private enum OggCodec { AUDIO, VIDEO, SKELETON, UNKNOWN }

    private static OggCodec oggCodec(byte[] head, int n, int at) {
        if (ascii(head, n, at, "\u0001vorbis") || ascii(head, n, at, "OpusHead") || ascii(head, n, at, "Speex   ")
                || ascii(head, n, at, "\u007FFLAC")) {
            return OggCodec.AUDIO;
        }
        if (ascii(head, n, at, "\u0080theora") || ascii(head, n, at, "\u0080daala") || ascii(head, n, at, "OVP80")
                || ascii(head, n, at, "BBCD")) {
            return OggCodec.VIDEO;
        }
        if (ascii(head, n, at, "fishead\u0000")) {
            return OggCodec.SKELETON;
        }
        return OggCodec.UNKNOWN;
    }

    /** The DocType of the EBML header that starts {@code head} ({@code webm}, {@code matroska}), or null. */
    static String ebmlDocType(byte[] head, int n) {
        EbmlReader reader = new EbmlReader(head, n, 4);
        long size = reader.size();
        if (size < 0) {
            return null;
        }
        long end = Math.min(n, reader.position() + size);
        while (reader.position() < end) {
            long id = reader.id();
            long length = reader.size();
            if (id < 0 || length < 0 || reader.position() + length > end) {
                return null;
            }
            if (id == EBML_DOC_TYPE) {
                String docType = new String(head, reader.position(), (int) length, StandardCharsets.US_ASCII);
                return docType.replace("\u0000", "").toLowerCase(Locale.ROOT);
            }
            reader.skip(length);
        }
        return null;
    }

    /**
     * Is this text an SVG image: after an optional byte order mark, XML declaration, comments, processing
     * instructions and document type declaration, is the root element {@code svg}?
     */
    private static boolean isSvg(byte[] head, int n) {
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        int at = text.startsWith("\uFEFF") ? 1 : 0;
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (text.startsWith("<?", at)) {
                at = after(text, at, "?>");
            } else if (text.startsWith("<!--", at)) {
                at = after(text, at, "-->");
            } else if (text.regionMatches(true, at, "<!DOCTYPE", 0, 9)) {
                at = afterDoctype(text, at);
            } else {
                break;
            }
            if (at < 0) {
                return false;
            }
        }
        if (!text.startsWith("<svg", at) || at + 4 >= text.length()) {
            return false;
        }
        char next = text.charAt(at + 4);
        return Character.isWhitespace(next) || next == '>' || next == '/';
    }

    private static int after(String text, int from, String end) {
        int found = text.indexOf(end, from);
        return found < 0 ? -1 : found + end.length();
    }

    /** The end of a document type declaration, which may hold an internal subset in brackets. */
    private static int afterDoctype(String text, int from) {
        boolean inSubset = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                inSubset = true;
            } else if (c == ']') {
                inSubset = false;
            } else if (c == '>' && !inSubset) {
                return i + 1;
            }
        }
        return -1;
    }
}
