package org.carechat.adapter.rest;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the REST door accepts.
 *
 * @param maxJsonBodyBytes the largest JSON request body, in bytes; larger bodies answer {@code 413}
 * @param allowedOrigins   browser origins ({@code https://app.clinic.example}) that may call {@code /api} across
 *                         origins; the server's own origin and requests without {@code Origin} are always allowed
 * @param metricsToken     the bearer token {@code /metrics} requires, or null for an open {@code /metrics}
 */
public record RestSettings(long maxJsonBodyBytes, Set<String> allowedOrigins, String metricsToken) {
    public static final long DEFAULT_MAX_JSON_BODY_BYTES = 64 * 1024;

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
    }

    public static RestSettings standard() {
        return new RestSettings(DEFAULT_MAX_JSON_BODY_BYTES, Set.of(), null);
    }

    public RestSettings withMaxJsonBodyBytes(long value) {
        return new RestSettings(value, allowedOrigins, metricsToken);
    }

    public RestSettings withAllowedOrigins(Set<String> value) {
        return new RestSettings(maxJsonBodyBytes, value, metricsToken);
    }

    public RestSettings withMetricsToken(String value) {
        return new RestSettings(maxJsonBodyBytes, allowedOrigins, value);
    }
}
