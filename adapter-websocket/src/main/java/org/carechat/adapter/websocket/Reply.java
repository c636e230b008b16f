package org.carechat.adapter.websocket;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a client frame is answered with when it succeeds: a named reply carrying what the client cannot
 * learn otherwise ({@code message_sent}, {@code sync_result}, {@code call_requested}), or a bare
 * {@link #ACK}.
 */
record Reply(String event, JsonNode data) {
    /** The answer of every event that names no reply of its own. */
    static final Reply ACK = new Reply("ack", JsonNodeFactory.instance.objectNode());

    Reply {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    /** The bare acknowledgement, which tells nothing beyond success: sent only to a frame that has an id. */
    boolean isAck() {
        return ACK.event().equals(event);
    }
}
