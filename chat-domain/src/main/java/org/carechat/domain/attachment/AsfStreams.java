package org.carechat.domain.attachment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What an ASF file holds: its header object lists a stream properties object per stream, each naming the
 * stream's media type. With a video stream it is a WMV; with sound only it is a WMA, which CareChat does not
 * take. Streams declared in the header extension (extended stream properties) are looked at too.
 */
final class AsfStreams {
    private static final byte[] HEADER = Bytes.guid("75B22630-668E-11CF-A6D9-00AA0062CE6C");
    private static final byte[] STREAM_PROPERTIES = Bytes.guid("B7DC0791-A9B7-11CF-8EE6-00C00C205365");
    private static final byte[] HEADER_EXTENSION = Bytes.guid("5FBF03B5-A92E-11CF-8EE3-00C00C205365");
    private static final byte[] VIDEO_MEDIA = Bytes.guid("BC19EFC0-5B4D-11CF-A8FD-00805F5C442B");
    private static final int OBJECT_HEADER = 24;
    private static final int HEADER_OBJECT_FIELDS = 30;
    private static final long LARGEST_HEADER = 8L * 1024 * 1024;

    private AsfStreams() {
    }

    static Optional<FileType> typeOf(FileContent content) throws IOException {
        try (InputStream in = content.open()) {
            byte[] start = in.readNBytes(HEADER_OBJECT_FIELDS);
            if (start.length < HEADER_OBJECT_FIELDS || !Bytes.guidAt(start, start.length, 0, HEADER)) {
                return Optional.empty();
            }
            long size = Bytes.u64le(start, 16);
            if (size < HEADER_OBJECT_FIELDS || size > LARGEST_HEADER) {
                return Optional.empty();
            }
            byte[] objects = in.readNBytes((int) size - HEADER_OBJECT_FIELDS);
            if (objects.length < size - HEADER_OBJECT_FIELDS) {
                return Optional.empty();
            }
            return hasVideo(objects, 0, objects.length) ? Optional.of(FileType.WMV) : Optional.empty();
        } catch (EOFException ended) {
            return Optional.empty();
        }
    }

    private static boolean hasVideo(byte[] bytes, int from, int to) {
        int at = from;
        while (at + OBJECT_HEADER <= to) {
            long size = Bytes.u64le(bytes, at + 16);
            if (size < OBJECT_HEADER || size > to - at) {
                return false;
            }
            int end = at + (int) size;
            if (Bytes.guidAt(bytes, end, at, STREAM_PROPERTIES)
                    && Bytes.guidAt(bytes, end, at + OBJECT_HEADER, VIDEO_MEDIA)) {
                return true;
            }
            if (Bytes.guidAt(bytes, end, at, HEADER_EXTENSION) && embeddedVideo(bytes, at + OBJECT_HEADER, end)) {
                return true;
            }
            at = end;
        }
        return false;
    }

    /**
     * The header extension nests extended stream properties objects, which may end with a stream properties
     * object of their own: any stream properties object in there that names video counts.
     */
    private static boolean embeddedVideo(byte[] bytes, int from, int to) {
        for (int at = from; at + OBJECT_HEADER + 16 <= to; at++) {
            if (Bytes.guidAt(bytes, to, at, STREAM_PROPERTIES) && Bytes.guidAt(bytes, to, at + OBJECT_HEADER, VIDEO_MEDIA)) {
                return true;
            }
        }
        return false;
    }
}
