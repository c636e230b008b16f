package org.carechat.adapter.websocket;

import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What a client frame with an {@code id} is answered with when it succeeds. */
record Reply(String event, ObjectNode data) {
    /** The answer of every event that names no reply of its own. */
    static final Reply ACK = new Reply("ack", JsonNodeFactory.instance.objectNode());

    Reply {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
