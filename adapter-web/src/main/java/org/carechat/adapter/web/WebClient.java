package org.carechat.adapter.web;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.ServerConfiguration;

/**
 * The web client, served by the server itself: the page at {@code /} (and {@code /index.html}), its ES
 * modules, style sheet and images under {@code /app/}, and in demo mode the list of demo people to sign in
 * as at {@code /app/demo-people}. Nothing here talks to the core: the page uses the REST and WebSocket doors
 * like any other client.
 */
public final class WebClient {
    /** Where the client's files live on the classpath. */
    static final String CLASSPATH_ROOT = "org/carechat/adapter/web/client/";
    /** The URL path of the client's files. */
    public static final String ASSETS_PATH = "/app";

    private final Supplier<List<DemoPerson>> demoPeople;

    /** @param demoPeople who one may sign in as without a token, or null outside demo mode (the list is then 404) */
    public WebClient(Supplier<List<DemoPerson>> demoPeople) {
        this.demoPeople = demoPeople;
    }

    /** A demo person: the sign-in page offers them by name and signs in with their token. */
    public record DemoPerson(String id, String name, String role, String specialty, String token) {
        public DemoPerson {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * Registers the page at exactly {@code /} and {@code /index.html}, and the files under {@code /app/}. Every
     * other path stays with the handler registered at {@code /} (the REST door).
     */
    public void install(ServerConfiguration server) {
        ClientFiles files = new ClientFiles(WebClient.class.getClassLoader(), CLASSPATH_ROOT, demoPeople);
        // Grizzly's mapper: context "/" with pattern "/" is the root exactly (WebClientTest shows every other
        // path still reaching the handler at "/"); "/index.html" an exact path; /app/* a prefix
        // (one call: a handler added again replaces its earlier registrations)
        server.addHttpHandler(files,
                HttpHandlerRegistration.builder().contextPath("/").urlPattern("/").build(),
                HttpHandlerRegistration.builder().contextPath("").urlPattern("/index.html").build(),
                HttpHandlerRegistration.builder().contextPath(ASSETS_PATH).urlPattern("/*").build());
    }
}
