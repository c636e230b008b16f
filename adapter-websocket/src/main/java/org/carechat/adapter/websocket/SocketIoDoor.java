package org.carechat.adapter.websocket;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Socket.IO door speaks, in one place: its dispatch table (CareChat's events, with a seed dialect's
 * in place of those of the same name), how answers are written as packets (an ACK to an EVENT that asked for
 * one, else the named reply as an EVENT, a refusal as the dialect's error event), and what each notifier frame
 * becomes on the way out (rewrapped as it is for CareChat's own events, rewritten by the dialect otherwise).
 */
final class SocketIoDoor implements EventDispatcher.Framing {
    private static final Logger LOG = System.getLogger(SocketIoDoor.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SocketIoDialect chosen;
    private final Dialect dialect;
    private final DialectKit kit;
    private final EventDispatcher dispatcher;
    private final WireJson json;

    private SocketIoDoor(SocketIoDialect chosen, Dialect dialect, DialectKit kit, EventDispatcher dispatcher, WireJson json) {
        this.chosen = chosen;
        this.dialect = dialect;
        this.kit = kit;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /**
     * The door for {@code chosen}: with CareChat's own events it shares {@code careChatDispatcher}; a dialect gets
     * a table of its own, CareChat's events under it.
     */
    static SocketIoDoor of(SocketIoDialect chosen, Map<String, EventHandler> careChat, EventDispatcher careChatDispatcher,
                           CareChatCore core, WireJson json, Metrics metrics) {
        Objects.requireNonNull(chosen, "dialect");
        Dialect dialect = chosen.dialect();
        if (dialect == null) {
            return new SocketIoDoor(chosen, null, null, careChatDispatcher, json);
        }
        DialectKit kit = new DialectKit(careChat, core);
        Map<String, EventHandler> table = new HashMap<>(careChat);
        table.putAll(dialect.events(kit));
        return new SocketIoDoor(chosen, dialect, kit, new EventDispatcher(table, json, metrics), json);
    }

    SocketIoDialect dialect() {
        return chosen;
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public String reply(WireJson json, String id, Reply reply) {
        if (id != null) {
            return SocketIoPackets.ack(json, Long.parseLong(id), reply.data());
        }
        return reply.isAck() ? null : SocketIoPackets.event(json, reply.event(), reply.data());
    }

    @Override
    public String error(WireJson json, String id, String event, ErrorCode code, String message, Long retryAfterMs) {
        if (id != null) {
            ObjectNode argument = NODES.objectNode();
            argument.set("error", Dialect.errorData(code, message, retryAfterMs));
            return SocketIoPackets.ack(json, Long.parseLong(id), argument);
        }
        Dialect.Emit emit = dialect == null ? new Dialect.Emit("error", Dialect.errorData(code, message, retryAfterMs))
                : dialect.error(event, code, message, retryAfterMs);
        return SocketIoPackets.event(json, emit.event(), emit.data());
    }

    /** Whether outgoing frames may need rewriting (a dialect); without one, each is rewrapped as it is. */
    boolean rewrites() {
        return dialect != null;
    }

    /**
     * The packets a frame queued for {@code self}'s socket leaves as: a packet already (a reply) as it is; a
     * notifier frame {@code {"event","data"}} as its EVENT packet, or as the dialect's events (none, one, several).
     * A frame the dialect cannot rewrite (a bug) still leaves, as CareChat's event: nothing is lost for it.
     */
    List<String> outbound(String frame, Actor self) {
        String named = SocketIoPackets.eventName(frame);
        if (dialect == null || named == null || self == null || !dialect.rewrites().contains(named)) {
            return List.of(SocketIoPackets.fromFrame(frame));
        }
        String name = null;
        try {
            JsonNode read = json.parse(frame);
            name = read.path("event").asString();
            JsonNode data = read.get("data");
            List<Dialect.Emit> emits = dialect.outbound(name, data instanceof ObjectNode object ? object : NODES.objectNode(),
                    self, kit);
            List<String> packets = new ArrayList<>(emits.size());
            for (Dialect.Emit emit : emits) {
                packets.add(SocketIoPackets.event(json, emit.event(), emit.data()));
            }
            return packets;
        } catch (RuntimeException unwritable) {
            String event = name;
            // the event's name and the failure's class only: the frame may hold health data
            LOG.log(Level.ERROR, () -> "the " + chosen.wireName() + " dialect could not rewrite " + event + ": "
                    + unwritable.getClass().getName());
            return List.of(SocketIoPackets.fromFrame(frame));
        }
    }

}
