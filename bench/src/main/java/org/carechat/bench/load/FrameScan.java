package org.carechat.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the generator needs out of a server frame without parsing the JSON: the server
 * writes {@code {"event":...,"re":...,"data":...}} with Jackson, so a field is found by its quoted name.
 * The generator's own message text never contains a quote, so a name cannot be matched inside content.
 * Parsing every frame with a JSON library would cost CPU that, on a shared machine, the server needs.
 */
public final class FrameScan {
    public static final byte[] EVENT = ascii("\"event\":\"");
    public static final byte[] RE = ascii("\"re\":\"");
    public static final byte[] CLIENT_MESSAGE_ID = ascii("\"clientMessageId\":\"");
    public static final byte[] SEQ = ascii("\"seq\":");
    public static final byte[] CODE = ascii("\"code\":\"");

    private FrameScan() {
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Where {@code pattern} starts in {@code bytes[0, length)} at or after {@code from}, or -1. */
    public static int indexOf(byte[] bytes, int length, byte[] pattern, int from) {
        int last = length - pattern.length;
        byte first = pattern[0];
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The start of the string value of {@code key} (just after its opening quote), or -1. */
    public static int valueStart(byte[] bytes, int length, byte[] key) {
        int at = indexOf(bytes, length, key, 0);
        return at < 0 ? -1 : at + key.length;
    }

    /** Whether the string value starting at {@code start} is exactly {@code expected}. */
    public static boolean valueEquals(byte[] bytes, int length, int start, byte[] expected) {
        if (start < 0 || start + expected.length >= length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[start + i] != expected[i]) {
                return false;
            }
        }
        return bytes[start + expected.length] == '"';
    }

    /** The string value starting at {@code start}, up to its closing quote (no escapes expected). */
    public static String stringAt(byte[] bytes, int length, int start) {
        if (start < 0) {
            return null;
        }
        int end = start;
        while (end < length && bytes[end] != '"') {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The event name of a frame, or null. */
    public static String event(byte[] bytes, int length) {
        return stringAt(bytes, length, valueStart(bytes, length, EVENT));
    }

    /**
     * The non-negative number written in decimal right at {@code start} (a string's content or a bare
     * number), or -1 when there is none. With {@code afterDash}, the digits after the last '-' before the
     * closing quote: {@code "r7-123"} reads 123.
     */
    public static long numberAt(byte[] bytes, int length, int start, boolean afterDash) {
        if (start < 0) {
            return -1;
        }
        int from = start;
        if (afterDash) {
            int i = start;
            while (i < length && bytes[i] != '"') {
                if (bytes[i] == '-') {
                    from = i + 1;
                }
                i++;
            }
        }
        long value = 0;
        int digits = 0;
        for (int i = from; i < length && digits < 19; i++) {
            byte b = bytes[i];
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }
}
