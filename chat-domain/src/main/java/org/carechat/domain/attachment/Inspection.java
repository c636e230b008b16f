package org.carechat.domain.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/**
 * How the whole content of a file settles what its first bytes left open: which of the candidate types it is,
 * or that it is none of them.
 */
public enum Inspection {
    /** The first bytes decided. */
    NONE,
    /** Text to its last byte: well-formed UTF-8 without binary control characters. */
    TEXT,
    /** A ZIP told apart by its entries: DOCX, XLSX, PPTX or none. */
    OFFICE_OPEN_XML,
    /** An OLE2 compound file told apart by its root streams: DOC, XLS, PPT or none. */
    COMPOUND_FILE,
    /** A WebM told apart by its tracks: video, sound or none. */
    WEBM_TRACKS,
    /** An ASF told apart by its streams: WMV when one is video. */
    ASF_STREAMS,
    /** An ID3 tag longer than the first bytes: the audio frame after it says MP3 or AAC. */
    AFTER_ID3_TAG;

    /** Which of {@code candidates} the content is, or empty when it is none of them. */
    public Optional<FileType> identify(FileContent content, Set<FileType> candidates) throws IOException {
        Optional<FileType> found = switch (this) {
            case NONE -> candidates.size() == 1 ? candidates.stream().findFirst() : Optional.empty();
            case TEXT -> isText(content) ? candidates.stream().findFirst() : Optional.empty();
            case OFFICE_OPEN_XML -> OpenXmlPackage.typeOf(content);
            case COMPOUND_FILE -> CompoundFile.typeOf(content);
            case WEBM_TRACKS -> WebmTracks.typeOf(content);
            case ASF_STREAMS -> AsfStreams.typeOf(content);
            case AFTER_ID3_TAG -> afterId3Tag(content);
        };
        return found.filter(candidates::contains);
    }

    private static boolean isText(FileContent content) throws IOException {
        try (InputStream in = content.open()) {
            return Utf8Text.isText(in);
        }
    }

    private static Optional<FileType> afterId3Tag(FileContent content) throws IOException {
        try (InputStream in = content.open()) {
            byte[] header = in.readNBytes(10);
            if (header.length < 10) {
                return Optional.empty();
            }
            long end = FileSniffer.id3TagEnd(header);
            if (end < 0) {
                return Optional.empty();
            }
            in.skipNBytes(end - 10);
            byte[] frame = in.readNBytes(4);
            Sniff sniff = FileSniffer.frameAfterTag(frame, frame.length, 0);
            return sniff.isKnown() ? Optional.of(sniff.decided()) : Optional.empty();
        } catch (EOFException ended) {
            return Optional.empty();
        }
    }
}
