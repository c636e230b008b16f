package org.carechat.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Every answer of the REST door, successes and problems alike, is kept out of every cache
 * ({@code Cache-Control: no-store}: browsers, proxies and CDNs store nothing of conversations, messages,
 * contacts, presence, calls, audit entries or files) and is read only as the type it declares
 * ({@code X-Content-Type-Options: nosniff}). A resource may make its own answer stricter
 * ({@code private, no-store}); only a method marked {@link Cacheable} (the public OpenAPI document) may
 * let it be cached.
 */
@Priority(Priorities.HEADER_DECORATOR)
final class PrivateResponses implements ContainerResponseFilter {
    static final String NO_STORE = "no-store";

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        String cacheControl = response.getHeaderString(HttpHeaders.CACHE_CONTROL);
        if (cacheControl != null && (cacheable() || forbidsStoring(cacheControl))) {
            return;
        }
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }

    private boolean cacheable() {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(Cacheable.class);
    }

    private static boolean forbidsStoring(String cacheControl) {
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            if (directive.strip().equals(NO_STORE)) {
                return true;
            }
        }
        return false;
    }
}
