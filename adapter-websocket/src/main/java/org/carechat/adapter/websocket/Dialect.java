package org.carechat.adapter.websocket;

import java.util.List;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.wire.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seed system's Socket.IO events, spoken by the Socket.IO door in place of CareChat's where their names
 * meet: the seed's client events (each read into the CareChat event it stands for), and the server events its
 * front end listens for (each CareChat event rewritten as the seed's). An event the dialect does not name passes
 * as CareChat's own, both ways. docs/socketio-dialects.md is the table of each, in the same words.
 */
interface Dialect {
    /** The seed's client events by name; they replace CareChat's events of the same name on this door. */
    Map<String, EventHandler> events(DialectKit kit);

    /**
     * The server events {@link #outbound} rewrites; every other one leaves as CareChat's, rewrapped without being
     * read (as on a door without a dialect).
     */
    java.util.Set<String> rewrites();

    /**
     * What the seed's front end gets for a server event CareChat sends {@code self} (its name and data as on
     * {@code /ws}): the seed's events, none, or the event as it is.
     */
    List<Emit> outbound(String event, ObjectNode data, Actor self, DialectKit kit);

    /** The event a refusal of the client's {@code event} (null: unreadable) is sent as, when it asked for no ack. */
    default Emit error(String event, ErrorCode code, String message, Long retryAfterMs) {
        return new Emit("error", errorData(code, message, retryAfterMs));
    }

    /** CareChat's refusal, {@code {code, message, retryAfterMs?}}: an ack's {@code error}, the {@code error} event's data. */
    static ObjectNode errorData(ErrorCode code, String message, Long retryAfterMs) {
        ObjectNode error = DialectKit.object();
        error.put("code", code.name());
        error.put("message", message);
        if (retryAfterMs != null) {
            error.put("retryAfterMs", retryAfterMs.longValue());
        }
        return error;
    }

    /** One server event as a Socket.IO client gets it: {@code socket.on(event, data)}. */
    record Emit(String event, JsonNode data) {
        static List<Emit> as(String event, ObjectNode data) {
            return List.of(new Emit(event, data));
        }
    }
}
