package org.carechat.adapter.websocket;

import java.time.Duration;
import java.time.Instant;

/**
 * What a socket needs at a sweep, from when its client was last heard (any frame or pong), when it was
 * last pinged, and when its token expires: nothing, a ping, or a close. An expired token closes first.
 */
final class Liveness {
    enum Verdict { FINE, PING, CLOSE_IDLE, CLOSE_EXPIRED }

    private final Duration pingInterval;
    private final Duration idleTimeout;

    Liveness(Duration pingInterval, Duration idleTimeout) {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
    }

    /**
     * @param lastPing null when never pinged
     */
    Verdict check(Instant now, Instant lastHeard, Instant lastPing, Instant expiresAt) {
        if (!now.isBefore(expiresAt)) {
            return Verdict.CLOSE_EXPIRED;
        }
        Duration silent = Duration.between(lastHeard, now);
        if (silent.compareTo(idleTimeout) >= 0) {
            return Verdict.CLOSE_IDLE;
        }
        if (silent.compareTo(pingInterval) < 0) {
            return Verdict.FINE;
        }
        boolean pingedSinceHeard = lastPing != null && !lastPing.isBefore(lastHeard);
        if (pingedSinceHeard && Duration.between(lastPing, now).compareTo(pingInterval) < 0) {
            return Verdict.FINE;
        }
        return Verdict.PING;
    }
}
