package org.carechat.adapter.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.carechat.wire.WireException;

/**
 * Refuses a query parameter that the matched resource method does not read, naming it ({@code 400}): a
 * parameter that is silently ignored ({@code skip}, {@code page}, {@code offset}) answers as if it had
 * not been sent, so a client paging with it would get the same page again and again. What a method
 * reads is what its {@code @QueryParam}s say; it runs after routing, for every resource method.
 */
@Priority(Priorities.USER)
final class KnownQueryParameters implements ContainerRequestFilter {
    /** At most this many unknown names are echoed, each cut to {@link #MAX_NAME} characters. */
    private static final int MAX_NAMES = 5;
    private static final int MAX_NAME = 40;

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || !isResourceMethod(method)) {
            return;
        }
        Set<String> allowed = known.computeIfAbsent(method, KnownQueryParameters::queryParameters);
        Set<String> unknown = new TreeSet<>(request.getUriInfo().getQueryParameters().keySet());
        unknown.removeAll(allowed);
        if (unknown.isEmpty()) {
            return;
        }
        String names = unknown.stream().limit(MAX_NAMES).map(KnownQueryParameters::shown).collect(Collectors.joining(", "))
                + (unknown.size() > MAX_NAMES ? ", ..." : "");
        String accepted = allowed.isEmpty() ? "this endpoint takes no query parameters"
                : "accepted: " + String.join(", ", new TreeSet<>(allowed));
        throw WireException.badRequest((unknown.size() == 1 ? "unknown query parameter " : "unknown query parameters ")
                + names + "; " + accepted);
    }

    /** A method Jersey routes to by its HTTP method annotation (not one of Jersey's own, such as its OPTIONS answer). */
    private static boolean isResourceMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> queryParameters(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return Set.copyOf(names);
    }

    /** The name as a client may be shown it: printable ASCII, quoted, cut short. */
    private static String shown(String name) {
        String printable = name.replaceAll("[^\\x21-\\x7e]", "?");
        return "'" + (printable.length() > MAX_NAME ? printable.substring(0, MAX_NAME) + "..." : printable) + "'";
    }
}
