package org.carechat.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps on the wire: ISO-8601 in UTC with milliseconds ({@code 2026-11-22T10:30:00.000Z}). */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** Any ISO-8601 instant with an offset ({@code Z} or {@code +01:00}); refuses anything else. */
    public static Instant parse(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw WireException.badRequest(field + " must be an ISO-8601 timestamp such as 2026-11-22T10:30:00.000Z");
        }
    }
}
