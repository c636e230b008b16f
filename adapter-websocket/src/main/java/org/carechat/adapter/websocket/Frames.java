package org.carechat.adapter.websocket;

import org.carechat.wire.ErrorCode;
import org.carechat.wire.WireJson;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The envelope of every server frame: {@code {"event": name, "re": id?, "data": {...}}}. */
final class Frames {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Frames() {
    }

    /** An event pushed to the client, answering nothing. */
    static String event(WireJson json, String name, ObjectNode data) {
        return reply(json, name, null, data);
    }

    /** A frame answering the client frame {@code re} (null: answering none). */
    static String reply(WireJson json, String name, String re, ObjectNode data) {
        ObjectNode frame = NODES.objectNode();
        frame.put("event", name);
        if (re != null) {
            frame.put("re", re);
        }
        frame.set("data", data == null ? NODES.objectNode() : data);
        return json.write(frame);
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
}
