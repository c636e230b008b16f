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
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text itself, or an {@code INVALID} refusal naming {@code field} when it is not well-formed Unicode. */
    public static String requireWellFormed(String text, String field) {
        if (!isWellFormed(text)) {
            throw Refusal.invalid(field + " is not well-formed Unicode text");
        }
        return text;
    }
}
