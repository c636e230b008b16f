package org.carechat.domain.attachment;

import java.nio.charset.StandardCharsets;

/** Reading fixed fields out of the bytes of a file: magic numbers, little-endian integers. */
final class Bytes {
    private Bytes() {
    }

    /** Do the bytes at {@code offset} spell {@code text} in ASCII, within the first {@code length}? */
    static boolean ascii(byte[] bytes, int length, int offset, String text) {
        byte[] expected = text.getBytes(StandardCharsets.ISO_8859_1);
        if (offset < 0 || offset + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Do the bytes at {@code offset} hold {@code expected} (each an unsigned byte value), within the first {@code length}? */
    static boolean startsWith(byte[] bytes, int length, int offset, int... expected) {
        if (offset < 0 || offset + expected.length > length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static int u8(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }

    static int u16le(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    /** An unsigned 32-bit little-endian value. */
    static long u32le(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }

    /** A 64-bit little-endian value; negative when it is beyond what a file of CareChat could hold anyway. */
    static long u64le(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }

    /** Are the 16 bytes at {@code offset} those of {@code guid}? */
    static boolean guidAt(byte[] bytes, int length, int offset, byte[] guid) {
        if (offset < 0 || offset + guid.length > length) {
            return false;
        }
        for (int i = 0; i < guid.length; i++) {
            if (bytes[offset + i] != guid[i]) {
                return false;
            }
        }
        return true;
    }

    /** A GUID as stored by Microsoft formats: the first three groups little-endian, the rest as written. */
    static byte[] guid(String text) {
        String hex = text.replace("-", "");
        byte[] plain = new byte[16];
        for (int i = 0; i < 16; i++) {
            plain[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new byte[] {plain[3], plain[2], plain[1], plain[0], plain[5], plain[4], plain[7], plain[6],
            plain[8], plain[9], plain[10], plain[11], plain[12], plain[13], plain[14], plain[15]};
    }
}
