package org.carechat.adapter.websocket;

import java.util.Objects;
import org.carechat.domain.message.MessageView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a client frame is answered with when it succeeds: a named reply carrying what the client cannot
 * learn otherwise ({@code message_sent}, {@code sync_result}, {@code call_requested}), or a bare
 * {@link #ACK}. {@code message} is the message the reply carries, when it carries one ({@code message_sent}): a
 * seed dialect rewrites it from there, without reading back the JSON it was written to.
 */
record Reply(String event, JsonNode data, MessageView message) {
    /** The answer of every event that names no reply of its own. */
    static final Reply ACK = new Reply("ack", JsonNodeFactory.instance.objectNode());

    Reply {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }

    Reply(String event, JsonNode data) {
        this(event, data, null);
    }

    /** The bare acknowledgement, which tells nothing beyond success: sent only to a frame that has an id. */
    boolean isAck() {
        return ACK.event().equals(event);
    }
}
