package org.carechat.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * How the generator speaks to the server under test: CareChat's own frames on {@code /ws}, or Socket.IO on
 * Engine.IO v4 over WebSocket, the protocol of the Node.js back ends CareChat replaces (the peer in
 * {@code bench/peer-node}). Both send the same message text with the same ledger key, and are matched the same way.
 */
public enum Dialect {
    /**
     * {@code {"event":"send_message","id":"K","data":{"conversationId":...,"content":...,"clientMessageId":...}}};
     * the token in the upgrade's {@code Authorization} header; {@code message_sent} is matched by its {@code re}.
     */
    CARECHAT {
        @Override
        public URI uri(URI http) {
            return URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/ws");
        }

        @Override
        String headerToken(String token) {
            return token;
        }

        @Override
        FrameListener handshake(FrameListener inner, String token, CompletableFuture<Void> ready) {
            ready.complete(null);
            return inner;
        }

        @Override
        int eventStart(byte[] bytes, int length) {
            return FrameScan.valueStart(bytes, length, FrameScan.EVENT);
        }

        @Override
        long ackKey(byte[] bytes, int length) {
            return FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.RE), false);
        }

        @Override
        void sendFrame(StringBuilder frame, int k, String conversationId, String receiverId, String content,
                       CharSequence clientMessageId) {
            frame.append("{\"event\":\"send_message\",\"id\":\"").append(k)
                    .append("\",\"data\":{\"conversationId\":\"").append(conversationId)
                    .append("\",\"content\":\"").append(content)
                    .append("\",\"clientMessageId\":\"").append(clientMessageId).append("\"}}");
        }
    },

    /**
     * Engine.IO v4 over WebSocket ({@code /socket.io/?EIO=4&transport=websocket}): the server's open packet
     * {@code 0{...}} is answered by the Socket.IO CONNECT {@code 40{"token":...}}; the connection is ready at
     * the server's {@code 40{...}}; a ping {@code 2} is answered {@code 3}. Events are
     * {@code 42["send_message",{"receiverId":...,"content":...,"messageType":"text","clientMessageId":...}]};
     * {@code message_sent} and {@code new_message} carry the message, matched by its {@code clientMessageId}.
     */
    SOCKET_IO {
        private static final byte[] PONG = {'3'};

        @Override
        public URI uri(URI http) {
            return URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/socket.io/?EIO=4&transport=websocket");
        }

        @Override
        String headerToken(String token) {
            return null;
        }

        @Override
        FrameListener handshake(FrameListener inner, String token, CompletableFuture<Void> ready) {
            String connect = "40{\"token\":\"" + token + "\"}";
            return new FrameListener() {
                @Override
                public void onFrame(WsConnection connection, byte[] bytes, int length) {
                    if (length == 0) {
                        return;
                    }
                    switch (bytes[0]) {
                        case '0' -> connection.send(connect);
                        case '2' -> connection.send(new String(PONG, StandardCharsets.US_ASCII));
                        case '4' -> {
                            if (length >= 2 && bytes[1] == '0') {
                                ready.complete(null);
                            } else if (length >= 2 && bytes[1] == '4') {
                                ready.completeExceptionally(new IllegalStateException("Socket.IO refused the connection: "
                                        + new String(bytes, 0, length, StandardCharsets.UTF_8)));
                            } else {
                                inner.onFrame(connection, bytes, length);
                            }
                        }
                        default -> inner.onFrame(connection, bytes, length);
                    }
                }

                @Override
                public void onClose(WsConnection connection) {
                    ready.completeExceptionally(new IllegalStateException("closed before Socket.IO connected"));
                    inner.onClose(connection);
                }
            };
        }

        @Override
        int eventStart(byte[] bytes, int length) {
            // 42["event",...]: the event name starts after the quote at index 3
            return length > 4 && bytes[0] == '4' && bytes[1] == '2' && bytes[2] == '[' && bytes[3] == '"' ? 4 : -1;
        }

        @Override
        long ackKey(byte[] bytes, int length) {
            return FrameScan.numberAt(bytes, length, FrameScan.valueStart(bytes, length, FrameScan.CLIENT_MESSAGE_ID),
                    true);
        }

        @Override
        void sendFrame(StringBuilder frame, int k, String conversationId, String receiverId, String content,
                       CharSequence clientMessageId) {
            frame.append("42[\"send_message\",{\"receiverId\":\"").append(receiverId)
                    .append("\",\"content\":\"").append(content)
                    .append("\",\"messageType\":\"text\",\"clientMessageId\":\"").append(clientMessageId)
                    .append("\"}]");
        }
    },

    /**
     * CareChat's own events through its Socket.IO door: the handshake, heartbeat and matching of
     * {@link #SOCKET_IO}, with {@code 42["send_message",{"conversationId":...,"content":...,"clientMessageId":...}]}
     * (no ack id: the named reply {@code message_sent} comes as an event, as socket.io front ends use it).
     */
    CARECHAT_SOCKET_IO {
        @Override
        public URI uri(URI http) {
            return SOCKET_IO.uri(http);
        }

        @Override
        String headerToken(String token) {
            return SOCKET_IO.headerToken(token);
        }

        @Override
        FrameListener handshake(FrameListener inner, String token, CompletableFuture<Void> ready) {
            return SOCKET_IO.handshake(inner, token, ready);
        }

        @Override
        int eventStart(byte[] bytes, int length) {
            return SOCKET_IO.eventStart(bytes, length);
        }

        @Override
        long ackKey(byte[] bytes, int length) {
            return SOCKET_IO.ackKey(bytes, length);
        }

        @Override
        void sendFrame(StringBuilder frame, int k, String conversationId, String receiverId, String content,
                       CharSequence clientMessageId) {
            frame.append("42[\"send_message\",{\"conversationId\":\"").append(conversationId)
                    .append("\",\"content\":\"").append(content)
                    .append("\",\"clientMessageId\":\"").append(clientMessageId).append("\"}]");
        }
    };

    /** Where to open the WebSocket, for the server at {@code http}. */
    public abstract URI uri(URI http);

    /** The token to put in the upgrade's Authorization header, or null when the protocol carries it. */
    abstract String headerToken(String token);

    /** Wraps {@code inner} with what the protocol needs before and around events; {@code ready} once it may send. */
    abstract FrameListener handshake(FrameListener inner, String token, CompletableFuture<Void> ready);

    /** Where the event name's string starts (for {@link FrameScan#valueEquals}), or -1. */
    abstract int eventStart(byte[] bytes, int length);

    /** The ledger index an acknowledgement names, or -1. */
    abstract long ackKey(byte[] bytes, int length);

    /** Appends message {@code k}'s send frame; {@code clientMessageId} ends with {@code -k}. */
    abstract void sendFrame(StringBuilder frame, int k, String conversationId, String receiverId, String content,
                            CharSequence clientMessageId);
}
