package org.carechat.adapter.rest;

import java.time.Instant;
import java.util.function.Function;
import org.carechat.domain.conversation.ConversationFilter;
import org.carechat.wire.ClientData;
import org.carechat.wire.Timestamps;
import org.carechat.wire.WireException;

/** Query and path parameters, checked for shape before they reach a use case (whose rules judge the values). */
final class Query {
    private static final int MAX_TEXT_LENGTH = 1000;

    private Query() {
    }

    static Integer limit(String raw) {
        if (absent(raw)) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw WireException.badRequest("limit must be an integer");
        }
    }

    static Long seq(String raw, String name) {
        if (absent(raw)) {
            return null;
        }
        try {
            return Long.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw WireException.badRequest(name + " must be an integer seq");
        }
    }

    static ConversationFilter filter(String raw) {
        return ConversationFilter.parse(raw)
                .orElseThrow(() -> WireException.badRequest("filter must be one of all, unread, pinned"));
    }

    static Instant time(String raw, String name) {
        return absent(raw) ? null : Timestamps.parse(raw.strip(), name);
    }

    static String text(String raw, String name) {
        if (raw != null && raw.length() > MAX_TEXT_LENGTH) {
            throw WireException.badRequest(name + " is too long");
        }
        return raw;
    }

    /** An id of a path, or of a query parameter when present; anything that is not an id is refused (400). */
    static <T> T id(String raw, String name, Function<String, T> type) {
        return absent(raw) ? null : ClientData.pathId(raw, name, type);
    }

    static <T> T requiredId(String raw, String name, Function<String, T> type) {
        if (absent(raw)) {
            throw WireException.badRequest(name + " is required");
        }
        return ClientData.pathId(raw, name, type);
    }

    private static boolean absent(String raw) {
        return raw == null || raw.isEmpty();
    }
}
