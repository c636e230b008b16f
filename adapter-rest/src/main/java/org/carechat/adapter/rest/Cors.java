package org.carechat.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import org.carechat.domain.failure.Refusal;

/**
 * Cross-origin rules for {@code /api}: browsers of the allowed origins (and of the server's own origin)
 * may call it, preflights included; a request without {@code Origin} (a native client) is not a
 * browser's and passes. A foreign origin may read nothing (no {@code Access-Control-Allow-Origin}) and
 * change nothing: any request but GET and HEAD from it is refused with {@code 403}, so a page elsewhere
 * cannot make a logged-in browser act. Tokens travel in headers, never cookies: no credentials mode.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class Cors implements ContainerRequestFilter, ContainerResponseFilter {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, X-File-Name";
    static final String EXPOSED_HEADERS = "Location, Retry-After, WWW-Authenticate, Content-Disposition, CareChat-Notice";
    private static final String PREFLIGHT_METHOD = "Access-Control-Request-Method";

    private final Set<String> allowedOrigins;

    Cors(Set<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !isApi(request)) {
            return;
        }
        boolean allowed = allows(origin, request.getHeaderString(HttpHeaders.HOST));
        String method = request.getMethod();
        if (!allowed) {
            if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
                return;
            }
            throw Refusal.forbidden("requests from this origin are not allowed");
        }
        if (method.equals(HttpMethod.OPTIONS) && request.getHeaderString(PREFLIGHT_METHOD) != null) {
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", 600)
                    .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !isApi(request)) {
            return;
        }
        response.getHeaders().add(HttpHeaders.VARY, "Origin");
        if (allows(origin, request.getHeaderString(HttpHeaders.HOST))) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    private static boolean isApi(ContainerRequestContext request) {
        String path = AuthenticationFilter.pathOf(request);
        return path.equals("api") || path.startsWith("api/");
    }

    /** An allowed origin, or the server's own (its authority is the request's Host). */
    boolean allows(String origin, String host) {
        String normalized = normalize(origin);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        int scheme = normalized.indexOf("://");
        return host != null && scheme > 0 && normalized.substring(scheme + 3).equals(host.strip().toLowerCase(Locale.ROOT));
    }

    static String normalize(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
