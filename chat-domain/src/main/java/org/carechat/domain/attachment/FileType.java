package org.carechat.domain.attachment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file types CareChat accepts, each recognised from its bytes ({@link FileSniffer}): the images, sounds,
 * videos and documents clinics exchange today. A declared Content-Type is only a claim; the bytes decide, and
 * a file is served with the type it was recognised as.
 *
 * <p>Where one container holds several types (WebM and Ogg hold sound or video, RIFF holds WAV, AVI and WebP,
 * ISO media holds MP4, M4A and QuickTime, ZIP holds the three Office Open XML formats, the OLE2 compound file
 * the three older Office formats), the type is what the container holds, found by looking inside it. A client
 * that declares the container's other family ({@code video/webm} for a voice note in WebM) names the same
 * file and is not contradicted.
 */
public enum FileType {
    JPEG(Family.IMAGE, "image/jpeg", List.of("jpg", "jpeg", "jpe", "jfif"), "image/jpg", "image/pjpeg"),
    PNG(Family.IMAGE, "image/png", List.of("png")),
    GIF(Family.IMAGE, "image/gif", List.of("gif")),
    WEBP(Family.IMAGE, "image/webp", List.of("webp")),
    /** Scalable vector graphics: XML that a browser renders actively (scripts, links), so only ever a download. */
    SVG(Family.IMAGE, "image/svg+xml", List.of("svg")),

    MP3(Family.AUDIO, "audio/mpeg", List.of("mp3"), "audio/mp3", "audio/mpeg3", "audio/x-mpeg-3"),
    WAV(Family.AUDIO, "audio/wav", List.of("wav"), "audio/x-wav", "audio/wave", "audio/vnd.wave"),
    /** Vorbis, Opus, Speex or FLAC in an Ogg container. */
    OGG(Family.AUDIO, "audio/ogg", List.of("ogg", "oga", "opus", "spx"), "application/ogg", "video/ogg", "audio/opus"),
    /** Raw AAC in ADTS frames. */
    AAC(Family.AUDIO, "audio/aac", List.of("aac"), "audio/x-aac", "audio/aacp"),
    /** AAC (or ALAC) in an MP4 container with an audio brand. */
    M4A(Family.AUDIO, "audio/mp4", List.of("m4a", "m4b", "aac"), "audio/x-m4a", "audio/m4a", "audio/aac"),
    /** A WebM holding sound only: what browsers record a voice note as. */
    WEBM_AUDIO(Family.AUDIO, "audio/webm", List.of("webm", "weba"), "video/webm"),

    /** ISO media (MP4, and the 3GP of phones) that is not QuickTime, M4A or a HEIF picture. */
    MP4(Family.VIDEO, "video/mp4", List.of("mp4", "m4v", "3gp", "3g2"), "audio/mp4", "video/x-m4v", "video/3gpp"),
    WEBM_VIDEO(Family.VIDEO, "video/webm", List.of("webm"), "audio/webm"),
    /** Theora (or another video codec) in an Ogg container. */
    OGG_VIDEO(Family.VIDEO, "video/ogg", List.of("ogv", "ogg"), "application/ogg", "audio/ogg"),
    AVI(Family.VIDEO, "video/x-msvideo", List.of("avi"), "video/avi", "video/msvideo", "video/vnd.avi"),
    /** QuickTime: ISO-like media whose brand is {@code qt}. */
    MOV(Family.VIDEO, "video/quicktime", List.of("mov", "qt")),
    /** An ASF container with a video stream. */
    WMV(Family.VIDEO, "video/x-ms-wmv", List.of("wmv"), "video/x-ms-asf", "application/vnd.ms-asf"),

    PDF(Family.DOCUMENT, "application/pdf", List.of("pdf"), "application/x-pdf"),
    DOC(Family.DOCUMENT, "application/msword", List.of("doc", "dot")),
    DOCX(Family.DOCUMENT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx")),
    /** UTF-8 text without binary control characters. */
    TXT(Family.DOCUMENT, "text/plain", List.of("txt", "text", "log", "csv", "tsv", "md")),
    XLS(Family.DOCUMENT, "application/vnd.ms-excel", List.of("xls"), "application/x-msexcel"),
    XLSX(Family.DOCUMENT, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx")),
    PPT(Family.DOCUMENT, "application/vnd.ms-powerpoint", List.of("ppt", "pps")),
    PPTX(Family.DOCUMENT, "application/vnd.openxmlformats-officedocument.presentationml.presentation", List.of("pptx"));

    /** What a file shows a person: a picture, a sound, a moving picture, or a document to open. */
    public enum Family {
        IMAGE, AUDIO, VIDEO, DOCUMENT
    }

    /** How many leading bytes {@link FileSniffer#sniff} looks at, at most. */
    public static final int SNIFF_LENGTH = 8192;

    private final Family family;
    private final String mimeType;
    private final List<String> extensions;
    private final List<String> aliases;

    FileType(Family family, String mimeType, List<String> extensions, String... aliases) {
        this.family = family;
        this.mimeType = mimeType;
        this.extensions = extensions;
        this.aliases = List.of(aliases);
    }

    /** The type the file is stored and served with. */
    public String mimeType() {
        return mimeType;
    }

    public Family family() {
        return family;
    }

    /** The file-name extensions (lower case, without the dot) that name this type; the first is the usual one. */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Would a browser run or render it actively (scripts, links, forms)? Such a file is never shown inline: it is
     * served only as a download, sandboxed, and no image message carries it.
     */
    public boolean isActiveContent() {
        return this == SVG;
    }

    /** Does a declared type (parameters and case ignored) name this file type? */
    public boolean isNamedBy(String declared) {
        String bare = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return bare.equals(mimeType) || aliases.contains(bare);
    }

    /** The type stored as {@code mimeType} (the canonical type of an attachment), if CareChat knows it. */
    public static Optional<FileType> ofMimeType(String mimeType) {
        for (FileType type : values()) {
            if (type.mimeType.equals(mimeType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
