package org.carechat.adapter.websocket;

import org.carechat.domain.common.Text;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The envelope of every server frame: {@code {"event": name, "re": id?, "data": {...}}}. Every frame text
 * made here can be encoded as UTF-8: a lone UTF-16 surrogate (text that is not well-formed Unicode, which
 * UTF-8 cannot carry and which Tyrus's strict encoder fails on with a {@link java.lang.Error}) leaves as
 * its six-character JSON escape (a backslash, {@code u} and four hex digits), which denotes the very
 * same string and is plain ASCII on the wire.
 */
final class Frames {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Frames() {
    }

    /** An event pushed to the client, answering nothing. */
    static String event(WireJson json, String name, ObjectNode data) {
        return reply(json, name, null, data);
    }

    /** A frame answering the client frame {@code re} (null: answering none). */
    static String reply(WireJson json, String name, String re, JsonNode data) {
        return encodable(json.writeFrame(name, re, data));
    }

    /** An {@code error} frame; {@code retryAfterMs} only for {@code RATE_LIMITED}. */
    static String error(WireJson json, String re, ErrorCode code, String message, Long retryAfterMs) {
        ObjectNode data = NODES.objectNode();
        data.put("code", code.name());
        data.put("message", message);
        if (retryAfterMs != null) {
            data.put("retryAfterMs", retryAfterMs.longValue());
        }
        return reply(json, "error", re, data);
    }

    /**
     * The JSON text {@code json} with every lone surrogate replaced by its JSON escape; the same
     * instance when there is none (the common case costs one scan). Jackson writes string content as
     * it is, and characters outside JSON strings are ASCII, so a lone surrogate is always inside a string,
     * where its escape means the same character.
     */
    static String encodable(String json) {
        int first = Text.firstLoneSurrogate(json, 0);
        if (first < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 16);
        int from = 0;
        for (int at = first; at >= 0; at = Text.firstLoneSurrogate(json, from)) {
            out.append(json, from, at);
            char c = json.charAt(at);
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                    .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            from = at + 1;
        }
        return out.append(json, from, json.length()).toString();
    }
}
