package org.carechat.domain.attachment;

/**
 * Reads EBML (the format of WebM and Matroska) out of bytes: element ids and sizes are variable-length
 * integers whose first byte's leading zeros say how many bytes follow. Malformed input reads as -1.
 */
final class EbmlReader {
    /** A size whose bits are all ones: the element runs until its parent ends (live streams). */
    static final long UNKNOWN_SIZE = Long.MAX_VALUE;

    private final byte[] bytes;
    private final int length;
    private int position;

    EbmlReader(byte[] bytes, int length, int position) {
        this.bytes = bytes;
        this.length = Math.min(length, bytes.length);
        this.position = position;
    }

    int position() {
        return position;
    }

    boolean atEnd() {
        return position >= length;
    }

    void skip(long count) {
        position = (int) Math.min(length, position + count);
    }

    /** An element id, its length marker kept (as the specifications write ids), or -1. */
    long id() {
        int width = width();
        if (width < 1 || width > 4 || position + width > length) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | (bytes[position + i] & 0xFF);
        }
        position += width;
        return value;
    }

    /** An element size, {@link #UNKNOWN_SIZE}, or -1. */
    long size() {
        int width = width();
        if (width < 1 || width > 8 || position + width > length) {
            return -1;
        }
        long value = (bytes[position] & 0xFF) & (0xFF >> width);
        boolean allOnes = value == (0xFF >> width);
        for (int i = 1; i < width; i++) {
            int b = bytes[position + i] & 0xFF;
            allOnes &= b == 0xFF;
            value = value << 8 | b;
        }
        position += width;
        return allOnes ? UNKNOWN_SIZE : value;
    }

    /** An unsigned integer of {@code size} bytes. */
    long unsigned(long size) {
        if (size < 1 || size > 8 || position + size > length) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (bytes[position + i] & 0xFF);
        }
        position += (int) size;
        return value;
    }

    private int width() {
        if (position >= length) {
            return -1;
        }
        int first = bytes[position] & 0xFF;
        return first == 0 ? -1 : Integer.numberOfLeadingZeros(first) - 23;
    }
}
