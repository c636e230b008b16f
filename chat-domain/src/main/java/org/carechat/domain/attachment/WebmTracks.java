package org.carechat.domain.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a WebM holds: it is a video when one of its tracks is, a sound when its tracks are sounds only. The
 * tracks are declared in the segment's {@code Tracks} element, which comes before the first cluster of media.
 */
final class WebmTracks {
    private static final long EBML = 0x1A45DFA3L;
    private static final long SEGMENT = 0x18538067L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long TRACK_TYPE = 0x83L;
    private static final int VIDEO_TRACK = 1;
    private static final int AUDIO_TRACK = 2;
    private static final long LARGEST_TRACKS = 1024 * 1024;

    private WebmTracks() {
    }

    static Optional<FileType> typeOf(FileContent content) throws IOException {
        try (InputStream in = content.open()) {
            if (id(in) != EBML) {
                return Optional.empty();
            }
            long headerSize = size(in);
            if (headerSize < 0 || headerSize == EbmlReader.UNKNOWN_SIZE) {
                return Optional.empty();
            }
            in.skipNBytes(headerSize);
            if (id(in) != SEGMENT || size(in) < 0) {
                return Optional.empty();
            }
            while (true) {
                long id = id(in);
                long size = size(in);
                if (id < 0 || size < 0 || id == CLUSTER) {
                    return Optional.empty();
                }
                if (id == TRACKS) {
                    if (size > LARGEST_TRACKS) {
                        return Optional.empty();
                    }
                    return tracks(in.readNBytes((int) size));
                }
                if (size == EbmlReader.UNKNOWN_SIZE) {
                    return Optional.empty();
                }
                in.skipNBytes(size);
            }
        } catch (EOFException ended) {
            return Optional.empty();
        }
    }

    private static Optional<FileType> tracks(byte[] body) {
        EbmlReader reader = new EbmlReader(body, body.length, 0);
        boolean audio = false;
        boolean video = false;
        while (!reader.atEnd()) {
            long id = reader.id();
            long size = reader.size();
            if (id < 0 || size < 0 || reader.position() + size > body.length) {
                return Optional.empty();
            }
            if (id == TRACK_ENTRY) {
                int type = trackType(new EbmlReader(body, (int) (reader.position() + size), reader.position()));
                video |= type == VIDEO_TRACK;
                audio |= type == AUDIO_TRACK;
            }
            reader.skip(size);
        }
        if (video) {
            return Optional.of(FileType.WEBM_VIDEO);
        }
        return audio ? Optional.of(FileType.WEBM_AUDIO) : Optional.empty();
    }

    private static int trackType(EbmlReader entry) {
        while (!entry.atEnd()) {
            long id = entry.id();
            long size = entry.size();
            if (id < 0 || size < 0) {
                return -1;
            }
            if (id == TRACK_TYPE) {
                return (int) entry.unsigned(size);
            }
            entry.skip(size);
        }
        return -1;
    }

    private static long id(InputStream in) throws IOException {
        int first = in.read();
        if (first <= 0) {
            return -1;
        }
        int width = Integer.numberOfLeadingZeros(first) - 23;
        if (width > 4) {
            return -1;
        }
        long value = first;
        for (int i = 1; i < width; i++) {
            value = value << 8 | next(in);
        }
        return value;
    }

    private static long size(InputStream in) throws IOException {
        int first = in.read();
        if (first <= 0) {
            return -1;
        }
        int width = Integer.numberOfLeadingZeros(first) - 23;
        long value = first & (0xFF >> width);
        boolean allOnes = value == (0xFF >> width);
        for (int i = 1; i < width; i++) {
            int b = next(in);
            allOnes &= b == 0xFF;
            value = value << 8 | b;
        }
        return allOnes ? EbmlReader.UNKNOWN_SIZE : value;
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
