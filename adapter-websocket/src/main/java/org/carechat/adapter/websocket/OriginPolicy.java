package org.carechat.adapter.websocket;

import java.util.Set;

/**
 * Which browser pages may open a socket. A request without {@code Origin} comes from a native client and
 * is allowed; a page of the server's own origin ({@code http(s)://} + the {@code Host} header) is always
 * allowed; any other page only when its origin is listed.
 */
final class OriginPolicy {
    private final Set<String> allowed;

    OriginPolicy(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized;
        try {
            normalized = WebSocketSettings.normalizeOrigin(origin);
        } catch (IllegalArgumentException notAnOrigin) {
            // "null" (sandboxed pages, file://) and anything malformed
            return false;
        }
        return allowed.contains(normalized) || isOwn(normalized, host);
    }

    private static boolean isOwn(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return origin.equals(WebSocketSettings.normalizeOrigin("http://" + host.strip()))
                    || origin.equals(WebSocketSettings.normalizeOrigin("https://" + host.strip()));
        } catch (IllegalArgumentException badHost) {
            return false;
        }
    }
}
