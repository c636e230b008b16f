package org.carechat.domain.common;

import org.carechat.domain.failure.Refusal;

/**
 * Text that people set (message content, names, reactions, call signals, file names) must be well-formed
 * Unicode: every UTF-16 surrogate in its pair. A lone surrogate can be written as a JSON escape
 * ({@code "\ud800"}) but has no UTF-8 form, so it could be stored and then never sent to anybody.
 * Every other Java string can be encoded as UTF-8.
 */
public final class Text {
    private Text() {
    }

    public static boolean isWellFormed(String text) {
        return text == null || firstLoneSurrogate(text, 0) < 0;
    }

    /** The index of the first surrogate at or after {@code from} that is not half of a pair, or -1. */
    public static int firstLoneSurrogate(String text, int from) {
        int length = text.length();
        for (int i = from; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** The text itself, or an {@code INVALID} refusal naming {@code field} when it is not well-formed Unicode. */
    public static String requireWellFormed(String text, String field) {
        if (!isWellFormed(text)) {
            throw Refusal.invalid(field + " is not well-formed Unicode text");
        }
        return text;
    }

    /**
     * A reason someone states, as it is recorded (stripped); refused when there is none ({@code whenMissing}), or
     * when it is longer than {@code maxLength} or malformed.
     */
    public static String requireStated(String reason, int maxLength, String whenMissing) {
        requireWellFormed(reason, "reason");
        String stated = reason == null ? "" : reason.strip();
        if (stated.isEmpty()) {
            throw Refusal.invalid(whenMissing);
        }
        if (stated.length() > maxLength) {
            throw Refusal.invalid("reason must be at most " + maxLength + " characters");
        }
        return stated;
    }
}
