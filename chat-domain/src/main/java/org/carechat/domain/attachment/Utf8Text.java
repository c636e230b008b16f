package org.carechat.domain.attachment;

import java.io.IOException;
import java.io.InputStream;

/**
 * Is a file text: well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) without the
 * control characters that only binary data holds? Tab, line feed, form feed and carriage return are text; every
 * other C0 control, DEL and the C1 controls are not. Fed piece by piece, so a whole file is checked as it is
 * read, in constant memory.
 */
final class Utf8Text {
    private int pending;
    private int codePoint;
    private int minimum;
    private boolean broken;

    /** Are the first {@code length} bytes text? When {@code mayBeCut}, a character cut short at the end is allowed. */
    static boolean isText(byte[] bytes, int length, boolean mayBeCut) {
        Utf8Text text = new Utf8Text();
        text.feed(bytes, 0, length);
        return mayBeCut ? !text.broken : text.complete();
    }

    /** Is everything the stream holds text? */
    static boolean isText(InputStream in) throws IOException {
        Utf8Text text = new Utf8Text();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (!text.feed(buffer, 0, n)) {
                return false;
            }
        }
        return text.complete();
    }

    /** Takes more bytes; false once the text is broken. */
    boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !broken; i++) {
            int b = bytes[i] & 0xFF;
            if (pending == 0) {
                if (b < 0x80) {
                    accept(b);
                } else if ((b & 0xE0) == 0xC0) {
                    start(1, b & 0x1F, 0x80);
                } else if ((b & 0xF0) == 0xE0) {
                    start(2, b & 0x0F, 0x800);
                } else if ((b & 0xF8) == 0xF0) {
                    start(3, b & 0x07, 0x10000);
                } else {
                    broken = true;
                }
            } else if ((b & 0xC0) != 0x80) {
                broken = true;
            } else {
                codePoint = codePoint << 6 | (b & 0x3F);
                if (--pending == 0) {
                    boolean wellFormed = codePoint >= minimum && codePoint <= 0x10FFFF
                            && (codePoint < 0xD800 || codePoint > 0xDFFF);
                    if (wellFormed) {
                        accept(codePoint);
                    } else {
                        broken = true;
                    }
                }
            }
        }
        return !broken;
    }

    /** Did the text end well: nothing broken, no character cut short? */
    boolean complete() {
        return !broken && pending == 0;
    }

    private void start(int continuations, int bits, int smallest) {
        pending = continuations;
        codePoint = bits;
        minimum = smallest;
    }

    private void accept(int cp) {
        boolean control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f' && cp != '\r')
                || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
        if (control) {
            broken = true;
        }
    }
}
