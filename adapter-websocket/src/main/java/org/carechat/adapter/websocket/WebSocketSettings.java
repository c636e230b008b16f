package org.carechat.adapter.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the WebSocket door behaves: where it listens, how large a frame may be, how far a slow reader may
 * fall behind, how dead sockets are found, how many sockets may be open, and which browser origins may
 * connect. How fast a user may send is the core's per-user budget, shared with the REST door.
 *
 * @param path                where the endpoint listens ({@code /ws})
 * @param maxFrameBytes       the largest client frame (payload bytes); a larger one closes the socket with 1009
 * @param outboundQueueFrames frames waiting for a socket before it counts as a slow consumer and is closed with 1013
 * @param pingInterval        how long a socket may stay silent before the server pings it
 * @param idleTimeout         how long a socket may stay silent (no frame, no pong) before it is closed with 1001
 * @param allowedOrigins      browser origins ({@code https://app.example.org}) allowed to connect besides the
 *                            server's own; a request without {@code Origin} (a native client) is always allowed
 * @param maxSocketsPerUser   sockets one user may have open at once; one more is refused at the upgrade with 429
 * @param maxSockets          sockets open at once on this server; one more is refused at the upgrade with 503
 */
public record WebSocketSettings(String path, int maxFrameBytes, int outboundQueueFrames, Duration pingInterval,
                                Duration idleTimeout, Set<String> allowedOrigins, int maxSocketsPerUser, int maxSockets) {
    public static final String DEFAULT_PATH = "/ws";
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    public static final int DEFAULT_OUTBOUND_QUEUE_FRAMES = 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(75);
    /** A user's phone, tablet, laptop and a few browser tabs; far below what a leaked token could open. */
    public static final int DEFAULT_MAX_SOCKETS_PER_USER = 10;
    /**
     * The idle connections a server is sized for (docs/performance.md): about 17 KiB of heap each, so some
     * 850 MiB for the sockets alone. Beyond it a server is refused new sockets cleanly (503) instead of
     * running out of heap or descriptors; lower it for a smaller heap or open-file limit.
     */
    public static final int DEFAULT_MAX_SOCKETS = 50_000;

    /** The smallest frame limit that still lets a client send a full-length message with its envelope. */
    public static final int MIN_FRAME_BYTES = 1024;

    public WebSocketSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("?") || path.contains("{")) {
            throw new IllegalArgumentException("path must be a fixed path such as /ws, not '" + path + "'");
        }
        if (maxFrameBytes < MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + MIN_FRAME_BYTES);
        }
        if (outboundQueueFrames < 1) {
            throw new IllegalArgumentException("outboundQueueFrames must be positive");
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (maxSocketsPerUser < 1 || maxSockets < 1) {
            throw new IllegalArgumentException("maxSocketsPerUser and maxSockets must be positive");
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout must be longer than pingInterval, so a live client has time to answer a ping");
        }
        allowedOrigins = allowedOrigins.stream().map(WebSocketSettings::normalizeOrigin).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The defaults of the wire contract: /ws, 64 KiB frames, 1024 queued frames, ping 30 s, idle 75 s, 10 sockets
     * per user and 50,000 in all.
     */
    public static WebSocketSettings standard() {
        return new WebSocketSettings(DEFAULT_PATH, DEFAULT_MAX_FRAME_BYTES, DEFAULT_OUTBOUND_QUEUE_FRAMES,
                DEFAULT_PING_INTERVAL, DEFAULT_IDLE_TIMEOUT, Set.of(),
                DEFAULT_MAX_SOCKETS_PER_USER, DEFAULT_MAX_SOCKETS);
    }

    public WebSocketSettings withPath(String value) {
        return new WebSocketSettings(value, maxFrameBytes, outboundQueueFrames, pingInterval, idleTimeout,
                allowedOrigins, maxSocketsPerUser, maxSockets);
    }

    public WebSocketSettings withMaxFrameBytes(int value) {
        return new WebSocketSettings(path, value, outboundQueueFrames, pingInterval, idleTimeout,
                allowedOrigins, maxSocketsPerUser, maxSockets);
    }

    public WebSocketSettings withOutboundQueueFrames(int value) {
        return new WebSocketSettings(path, maxFrameBytes, value, pingInterval, idleTimeout,
                allowedOrigins, maxSocketsPerUser, maxSockets);
    }

    public WebSocketSettings withLiveness(Duration ping, Duration idle) {
        return new WebSocketSettings(path, maxFrameBytes, outboundQueueFrames, ping, idle,
                allowedOrigins, maxSocketsPerUser, maxSockets);
    }

    public WebSocketSettings withSocketLimits(int perUser, int total) {
        return new WebSocketSettings(path, maxFrameBytes, outboundQueueFrames, pingInterval, idleTimeout,
                allowedOrigins, perUser, total);
    }

    public WebSocketSettings withAllowedOrigins(Set<String> value) {
        return new WebSocketSettings(path, maxFrameBytes, outboundQueueFrames, pingInterval, idleTimeout,
                value, maxSocketsPerUser, maxSockets);
    }

    /**
     * An origin in the form browsers send it: {@code scheme://host[:port]}, lower case, without a default
     * port or a trailing slash. Refuses anything that is not an http(s) origin.
     */
    static String normalizeOrigin(String origin) {
        Objects.requireNonNull(origin, "origin");
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not an origin: '" + origin + "'");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath()))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): '" + origin + "'");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
