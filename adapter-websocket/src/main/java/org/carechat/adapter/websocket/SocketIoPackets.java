package org.carechat.adapter.websocket;

import java.time.Duration;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.WireException;
import org.carechat.wire.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text packets of Engine.IO v4 over WebSocket, and of Socket.IO v5 inside them, on the default namespace:
 * what the Socket.IO door reads and writes. One WebSocket text frame is one Engine.IO packet: its first
 * character the type ({@code 0} open, {@code 1} close, {@code 2} ping, {@code 3} pong, {@code 4} message), and a
 * message holds one Socket.IO packet: {@code <type>[<namespace>,][<ack id>][<JSON>]} with types {@code 0}
 * CONNECT, {@code 1} DISCONNECT, {@code 2} EVENT, {@code 3} ACK, {@code 4} CONNECT_ERROR ({@code 5} and {@code 6},
 * binary, are not spoken here).
 */
final class SocketIoPackets {
    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';

    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;

    /** The server's ping, and the disconnect of the default namespace. */
    static final String PING_PACKET = "2";
    static final String PONG_PACKET = "3";
    static final String DISCONNECTED = "41";

    /** The longest ack id we take: Socket.IO counts from 0 per socket, so a longer one is not a client's. */
    static final int MAX_ACK_DIGITS = 15;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FRAME_HEAD = "{\"event\":\"";
    private static final String FRAME_DATA = "\",\"data\":";

    private SocketIoPackets() {
    }

    /**
     * A Socket.IO packet read from an Engine.IO message: its type, ack id (null: none) and JSON (null: none), or
     * why its JSON could not be read ({@code unreadable}, with the ack id still known, so the refusal can answer it).
     */
    record Packet(int type, Long ackId, JsonNode payload, WireException unreadable) {
    }

    /** The Engine.IO open packet: the engine session, the heartbeat the client keeps, the largest packet. */
    static String open(WireJson json, String sid, Duration pingInterval, Duration pingTimeout, int maxPayload) {
        ObjectNode open = NODES.objectNode();
        open.put("sid", sid);
        open.putArray("upgrades");
        open.put("pingInterval", pingInterval.toMillis());
        open.put("pingTimeout", pingTimeout.toMillis());
        open.put("maxPayload", maxPayload);
        return OPEN + json.write(open);
    }

    /** CONNECT answered: the socket's id on the default namespace. */
    static String connected(WireJson json, String sid) {
        ObjectNode data = NODES.objectNode();
        data.put("sid", sid);
        return "" + MESSAGE + CONNECT + json.write(data);
    }

    /** CONNECT refused: {@code socket.on('connect_error', err)} gets {@code err.message} and {@code err.data}. */
    static String connectError(WireJson json, ErrorCode code, String message) {
        ObjectNode error = NODES.objectNode();
        error.put("message", message);
        error.putObject("data").put("code", code.name());
        return "" + MESSAGE + CONNECT_ERROR + json.write(error);
    }

    /** An EVENT with one argument: {@code socket.on(name, data)}. */
    static String event(WireJson json, String name, JsonNode data) {
        ArrayNode args = NODES.arrayNode();
        args.add(name);
        args.add(data == null ? NODES.objectNode() : data);
        return Frames.encodable("" + MESSAGE + EVENT + json.write(args));
    }

    /** The ACK of the client's EVENT {@code id}, with one argument: the client's callback gets it. */
    static String ack(WireJson json, long id, JsonNode argument) {
        ArrayNode args = NODES.arrayNode();
        args.add(argument == null ? NODES.objectNode() : argument);
        return Frames.encodable("" + MESSAGE + ACK + id + json.write(args));
    }

    /**
     * A frame of the notifier, written once for every socket of the event's recipients as CareChat's
     * {@code {"event":"<name>","data":<data>}}, as the EVENT packet {@code 42["<name>",<data>]}: the same JSON,
     * rewrapped without being read again. Anything else (already a packet) passes as it is.
     */
    static String fromFrame(String frame) {
        if (!frame.startsWith(FRAME_HEAD)) {
            return frame;
        }
        int data = frame.indexOf(FRAME_DATA, FRAME_HEAD.length());
        if (data < 0 || !frame.endsWith("}")) {
            return frame;
        }
        String name = frame.substring(FRAME_HEAD.length(), data);
        String payload = frame.substring(data + FRAME_DATA.length(), frame.length() - 1);
        return new StringBuilder(payload.length() + name.length() + 8)
                .append(MESSAGE).append(EVENT).append("[\"").append(name).append("\",").append(payload).append(']')
                .toString();
    }

    /**
     * The event name of a notifier frame {@code {"event":"<name>",...}}, read without parsing it (event names need
     * no escapes); null for anything else (a packet already).
     */
    static String eventName(String frame) {
        if (!frame.startsWith(FRAME_HEAD)) {
            return null;
        }
        int end = frame.indexOf('"', FRAME_HEAD.length());
        return end < 0 ? null : frame.substring(FRAME_HEAD.length(), end);
    }

    /**
     * Reads the Socket.IO packet of an Engine.IO message (the text after its {@code 4}).
     *
     * @throws WireException BAD_REQUEST for anything that is not a text packet of the default namespace
     */
    static Packet parse(WireJson json, String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
            throw WireException.badRequest("a Socket.IO packet starts with its type");
        }
        int type = text.charAt(0) - '0';
        if (type == 5 || type == 6) {
            throw WireException.badRequest("binary packets are not supported: send JSON");
        }
        if (type > CONNECT_ERROR) {
            throw WireException.badRequest("unknown Socket.IO packet type " + type);
        }
        int at = 1;
        if (at < text.length() && text.charAt(at) == '/') {
            int comma = text.indexOf(',', at);
            String namespace = comma < 0 ? text.substring(at) : text.substring(at, comma);
            if (!namespace.equals("/")) {
                throw new WireException(ErrorCode.NOT_FOUND, "Invalid namespace: only the default namespace / is served");
            }
            at = comma < 0 ? text.length() : comma + 1;
        }
        Long ackId = null;
        int digits = at;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits > at) {
            if (digits - at > MAX_ACK_DIGITS) {
                throw WireException.badRequest("the ack id is too long");
            }
            ackId = Long.parseLong(text.substring(at, digits));
            at = digits;
        }
        if (at >= text.length()) {
            return new Packet(type, ackId, null, null);
        }
        try {
            return new Packet(type, ackId, json.parse(text.substring(at)), null);
        } catch (WireException unreadable) {
            return new Packet(type, ackId, null, unreadable);
        }
    }
}
