package org.carechat.adapter.rest;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the REST door accepts, and what it tells clients about themselves.
 *
 * @param maxJsonBodyBytes the largest JSON request body, in bytes; larger bodies answer {@code 413}
 * @param allowedOrigins   browser origins ({@code https://app.clinic.example}) that may call {@code /api} across
 *                         origins; the server's own origin and requests without {@code Origin} are always allowed
 * @param metricsToken     the bearer token {@code /metrics} requires, or null for an open {@code /metrics}
 * @param iceServers       the STUN/TURN servers a browser's WebRTC uses for calls ({@code GET /api/chat/client-settings}); none
 *                         is needed on a loopback or a LAN
 * @param idleSignOut      how long a web client may sit idle before it signs itself out; {@link Duration#ZERO} for never
 */
public record RestSettings(long maxJsonBodyBytes, Set<String> allowedOrigins, String metricsToken, List<IceServer> iceServers,
                           Duration idleSignOut) {
    public static final long DEFAULT_MAX_JSON_BODY_BYTES = 64 * 1024;
    public static final Duration DEFAULT_IDLE_SIGN_OUT = Duration.ofMinutes(15);

    public RestSettings {
        if (maxJsonBodyBytes < 1) {
            throw new IllegalArgumentException("maxJsonBodyBytes must be positive");
        }
        Set<String> origins = new LinkedHashSet<>();
        if (allowedOrigins != null) {
            for (String origin : allowedOrigins) {
                if (origin == null || origin.isBlank()) {
                    throw new IllegalArgumentException("an allowed origin must not be blank");
                }
                origins.add(Cors.normalize(origin));
            }
        }
        allowedOrigins = Set.copyOf(origins);
        if (metricsToken != null && metricsToken.isBlank()) {
            throw new IllegalArgumentException("metricsToken must be null (open) or not blank");
        }
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
        if (idleSignOut == null || idleSignOut.isNegative()) {
            throw new IllegalArgumentException("idleSignOut must be zero (never) or positive");
        }
    }

    public RestSettings(long maxJsonBodyBytes, Set<String> allowedOrigins, String metricsToken) {
        this(maxJsonBodyBytes, allowedOrigins, metricsToken, List.of(), DEFAULT_IDLE_SIGN_OUT);
    }

    public static RestSettings standard() {
        return new RestSettings(DEFAULT_MAX_JSON_BODY_BYTES, Set.of(), null);
    }

    public RestSettings withMaxJsonBodyBytes(long value) {
        return new RestSettings(value, allowedOrigins, metricsToken, iceServers, idleSignOut);
    }

    public RestSettings withAllowedOrigins(Set<String> value) {
        return new RestSettings(maxJsonBodyBytes, value, metricsToken, iceServers, idleSignOut);
    }

    public RestSettings withMetricsToken(String value) {
        return new RestSettings(maxJsonBodyBytes, allowedOrigins, value, iceServers, idleSignOut);
    }

    public RestSettings withIceServers(List<IceServer> value) {
        return new RestSettings(maxJsonBodyBytes, allowedOrigins, metricsToken, value, idleSignOut);
    }

    public RestSettings withIdleSignOut(Duration value) {
        return new RestSettings(maxJsonBodyBytes, allowedOrigins, metricsToken, iceServers, value);
    }

    /** Never the metrics token nor a TURN credential. */
    @Override
    public String toString() {
        return "RestSettings[maxJsonBodyBytes=" + maxJsonBodyBytes + ", allowedOrigins=" + allowedOrigins
                + ", metricsToken=" + (metricsToken == null ? "none" : "<redacted>") + ", iceServers=" + iceServers
                + ", idleSignOut=" + idleSignOut + "]";
    }
}
