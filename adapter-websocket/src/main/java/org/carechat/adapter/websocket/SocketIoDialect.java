package org.carechat.adapter.websocket;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Which events the Socket.IO door speaks: CareChat's own (docs/protocol.md), or those of one of the Node.js
 * back ends CareChat replaces, so that its front end works unchanged (docs/socketio-dialects.md). Each has a name
 * and the number of its seed document; the {@code /ws} door always speaks CareChat's.
 */
public enum SocketIoDialect {
    /** CareChat's own events, as on {@code /ws}. */
    CARECHAT("carechat", null, () -> null),
    /** Seed 000, "WebSocket Chat System": {@code send_message {receiverId}}, {@code mark_read {senderId}}. */
    WEBSOCKET_CHAT("websocket-chat", "000", WebSocketChatDialect::new),
    /** Seed 001, "Complete Full-Stack Patient Chat System": {@code joinChat}, {@code newMessage}, {@code messageReadBy}. */
    PATIENT_CHAT("patient-chat", "001", PatientChatDialect::new),
    /** Seed 003, "WebSocket Chat Implementation": {@code setUserId}, {@code sendMessage {text}}, {@code receiveMessage}. */
    CHAT_IMPLEMENTATION("chat-implementation", "003", ChatImplementationDialect::new),
    /** Seed 004, "MommyCare Chat Backend": calls, reactions, edits, availability, mute and pin. */
    MOMMYCARE("mommycare", "004", MommyCareDialect::new);

    private final String wireName;
    private final String seed;
    private final Supplier<Dialect> dialect;

    SocketIoDialect(String wireName, String seed, Supplier<Dialect> dialect) {
        this.wireName = wireName;
        this.seed = seed;
        this.dialect = dialect;
    }

    /** Its name in configuration: {@code carechat}, {@code websocket-chat}, ... */
    public String wireName() {
        return wireName;
    }

    /** The number of its seed document ({@code 000}...), or null for CareChat's own. */
    public String seed() {
        return seed;
    }

    /** Its events; null for CareChat's own. */
    Dialect dialect() {
        return dialect.get();
    }

    /**
     * The dialect of a name or a seed number, ignoring case.
     *
     * @throws IllegalArgumentException naming the dialects there are (and saying why seed 002 has none)
     */
    public static SocketIoDialect parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Optional<SocketIoDialect> found = Arrays.stream(values())
                .filter(d -> d.wireName.equals(wanted) || wanted.equals(d.seed))
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        if (wanted.equals("002")) {
            throw new IllegalArgumentException("seed 002 names no Socket.IO events, so it has no dialect: use carechat");
        }
        throw new IllegalArgumentException("unknown Socket.IO dialect '" + value + "': use one of " + names());
    }

    /** Every dialect, as {@code name (seed)}. */
    public static String names() {
        List<String> names = Arrays.stream(values())
                .map(d -> d.seed == null ? d.wireName : d.wireName + " (" + d.seed + ")")
                .collect(Collectors.toList());
        return String.join(", ", names);
    }
}
