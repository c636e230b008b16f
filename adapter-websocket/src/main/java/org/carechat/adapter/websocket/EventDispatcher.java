package org.carechat.adapter.websocket;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.carechat.application.SessionId;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireException;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;

/**
 * Turns one client frame into at most one answer: reads the envelope {@code {"event","id"?,"re"?,"data"}},
 * looks the event up in the dispatch table, runs its handler, and answers a frame that has an {@code id}
 * with exactly one reply carrying {@code re} (the named reply, {@code ack}, or {@code error}). A frame
 * without {@code id} gets its named reply all the same, without {@code re} (a client that does not correlate
 * replies must still learn the seq and id of what it sent, or the id of the call it placed), and an
 * {@code error} when it fails; only a bare {@code ack} is not sent to it. Every refusal is mapped here, in
 * one place.
 */
final class EventDispatcher {
    static final int MAX_ID_LENGTH = 64;

    private static final Logger LOG = System.getLogger(EventDispatcher.class.getName());
    private static final Set<String> ENVELOPE_FIELDS = Set.of("event", "id", "re", "data");

    private final Map<String, EventHandler> table;
    private final WireJson json;
    private final Metrics metrics;

    EventDispatcher(Map<String, EventHandler> table, WireJson json, Metrics metrics) {
        this.table = Map.copyOf(table);
        this.json = Objects.requireNonNull(json, "json");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The socket a frame came from: who asks, and where answers go. */
    interface Origin extends Caller {
        SessionId session();

        void send(String frame);
    }

    /**
     * How answers are written for one door: as CareChat frames on {@code /ws} ({@link #FRAMES}), or as Socket.IO
     * packets (the Socket.IO door's, which knows whether the client asked for an acknowledgement).
     */
    interface Framing {
        /** The frame of a handled event's reply; null when nothing is sent (a bare ack nobody asked for). */
        String reply(WireJson json, String id, Reply reply);

        /**
         * The frame of a refusal of {@code event} (null when the frame named none readable); {@code retryAfterMs}
         * only for {@code RATE_LIMITED}.
         */
        String error(WireJson json, String id, String event, ErrorCode code, String message, Long retryAfterMs);
    }

    /** CareChat's own frames: {@code {"event", "re"?, "data"}}; a bare ack only to a frame that has an id. */
    static final Framing FRAMES = new Framing() {
        @Override
        public String reply(WireJson json, String id, Reply reply) {
            return id == null && reply.isAck() ? null : Frames.reply(json, reply.event(), id, reply.data());
        }

        @Override
        public String error(WireJson json, String id, String event, ErrorCode code, String message, Long retryAfterMs) {
            return Frames.error(json, id, code, message, retryAfterMs);
        }
    };

    /**
     * Handles one frame.
     *
     * @param retryAfterMs 0 when the frame is within the connection's rate, otherwise how long the client
     *                     should wait: the frame is then answered {@code RATE_LIMITED} and not processed
     */
    void dispatch(Origin origin, String text, long retryAfterMs) {
        JsonNode root;
        try {
            root = json.parse(text);
            if (!root.isObject()) {
                throw WireException.badRequest("a frame must be a JSON object {\"event\", \"id\", \"data\"}");
            }
        } catch (WireException unreadable) {
            answerError(origin, FRAMES, null, null, unreadable.code(), unreadable.getMessage(), null);
            return;
        }
        dispatch(origin, root, retryAfterMs, FRAMES);
    }

    /**
     * Handles one frame already read into its envelope {@code {"event", "id"?, "data"?}} (the Socket.IO door
     * builds it from a packet), answering in {@code framing}.
     */
    void dispatch(Origin origin, JsonNode root, long retryAfterMs, Framing framing) {
        String id = null;
        String event = null;
        Reply reply;
        JsonNode named = root.get("event");
        String asked = named != null && named.isString() ? named.stringValue() : null;
        try {
            id = idOf(root);
            if (retryAfterMs > 0) {
                throw new Refusal(new ChatFailure.RateLimited(retryAfterMs));
            }
            checkEnvelope(root);
            event = eventOf(root);
            EventHandler handler = table.get(event);
            if (handler == null) {
                throw new WireException(ErrorCode.UNKNOWN_EVENT, "unknown event");
            }
            reply = handler.handle(origin, root.get("data"));
        } catch (Refusal refusal) {
            ChatFailure failure = refusal.failure();
            Long retry = failure instanceof ChatFailure.RateLimited limited ? limited.retryAfterMs() : null;
            answerError(origin, framing, id, asked, ErrorCode.of(failure.kind()), failure.message(), retry);
            return;
        } catch (WireException unreadable) {
            answerError(origin, framing, id, asked, unreadable.code(), unreadable.getMessage(), null);
            return;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error bug) {
            String name = event;
            // the event name and the session only: never the frame, which may hold health data
            LOG.log(Level.ERROR, () -> "event " + name + " of session " + origin.session() + " failed", bug);
            answerError(origin, framing, id, asked, ErrorCode.INTERNAL, "the server could not handle this event", null);
            return;
        }
        answer(origin, framing, id, event, reply);
    }

    /**
     * Sends the reply of a handled event. Its effect has happened (a message may be stored), so a reply that
     * cannot be encoded is still answered, with an error that says so, never with silence.
     */
    private void answer(Origin origin, Framing framing, String id, String event, Reply reply) {
        String frame;
        try {
            frame = framing.reply(json, id, reply);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error unencodable) {
            LOG.log(Level.ERROR, () -> "the reply to " + event + " of session " + origin.session() + " could not be encoded: "
                    + unencodable.getClass().getName());
            answerError(origin, framing, id, event, ErrorCode.INTERNAL, "the event was handled, but its reply could not be encoded", null);
            return;
        }
        if (frame != null) {
            origin.send(frame);
        }
    }

    private void answerError(Origin origin, Framing framing, String re, String event, ErrorCode code, String message,
                             Long retryAfterMs) {
        metrics.error(code);
        origin.send(framing.error(json, re, event, code, message, retryAfterMs));
    }

    /** The frame's id, or null when it has none; an unusable id is refused (and not echoed). */
    private static String idOf(JsonNode root) {
        JsonNode id = root.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isString() || id.stringValue().isEmpty() || id.stringValue().length() > MAX_ID_LENGTH) {
            throw WireException.badRequest("id must be a string of 1 to " + MAX_ID_LENGTH + " characters");
        }
        return id.stringValue();
    }

    private static void checkEnvelope(JsonNode root) {
        Iterator<String> names = root.propertyNames().iterator();
        while (names.hasNext()) {
            if (!ENVELOPE_FIELDS.contains(names.next())) {
                throw WireException.badRequest("a frame holds only event, id, re and data");
            }
        }
        JsonNode re = root.get("re");
        if (re != null && !re.isNull() && !re.isString()) {
            throw WireException.badRequest("re must be a string");
        }
    }

    private static String eventOf(JsonNode root) {
        JsonNode event = root.get("event");
        if (event == null || event.isNull()) {
            throw WireException.badRequest("event is required");
        }
        if (!event.isString() || event.stringValue().isBlank()) {
            throw WireException.badRequest("event must be a non-empty string");
        }
        return event.stringValue();
    }
}
