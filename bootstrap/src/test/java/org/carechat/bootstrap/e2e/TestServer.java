package org.carechat.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.adapter.jwt.HmacTokenIssuer;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.server.CareChatServer;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * The real server on a random port, HS256 tokens minted with its secret, a few people in care with each
 * other: p1 and p2 are patients, d1 a doctor in care with both, n1 a nurse in care with p1.
 */
final class TestServer implements AutoCloseable {
    static final String SECRET = "an-end-to-end-secret-of-at-least-32-bytes";

    final CareChatServer server;
    final HmacTokenIssuer issuer;
    final Clock clock;
    final HttpClient http = HttpClient.newHttpClient();

    private TestServer(CareChatServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.issuer = new HmacTokenIssuer(SECRET.getBytes(StandardCharsets.UTF_8), server.config().jwtIssuer(),
                server.config().jwtAudience(), server.config().jwtRoleClaim(), clock);
    }

    static TestServer start() {
        return start(Map.of(), null);
    }

    /** {@code time} null means the real clock; a {@link ManualTime} drives typing expiry and ring timeouts. */
    static TestServer start(Map<Option, String> overrides, ManualTime time) {
        Map<Option, String> options = base();
        options.put(Option.STORE, "memory");
        options.putAll(overrides);
        return start(options, time, true);
    }

    /** Starts with exactly these options on top of the defaults; {@code seed} false leaves the store as it is. */
    static TestServer start(Map<Option, String> options, ManualTime time, boolean seed) {
        return start(options, time, seed, builder -> { });
    }

    /** As above, with what only the builder sets (demo people, ...) given by {@code customize}. */
    static TestServer start(Map<Option, String> options, ManualTime time, boolean seed,
                            java.util.function.Consumer<CareChatServer.Builder> customize) {
        CareChatServer.Builder builder = CareChatServer.builder(ServerConfig.defaults(options));
        customize.accept(builder);
        if (time != null) {
            builder.clock(time).timers(time);
        }
        TestServer test = new TestServer(builder.start(), time != null ? time : Clock.systemUTC());
        if (seed) {
            test.seed();
        }
        return test;
    }

    /** The options every test server shares: a random local port, the test secret, the memory store. */
    static Map<Option, String> base() {
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.HOST, "127.0.0.1");
        options.put(Option.JWT_SECRET, SECRET);
        return options;
    }

    private void seed() {
        Actor admin = Actor.of(UserId.of("admin"), Role.ADMIN);
        var core = server.core();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of("p1"), "Pat Doe", "patient", null)).orThrow();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of("p2"), "Sam Lee", "patient", null)).orThrow();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of("d1"), "Dr. Ada Smith", "doctor", "cardiology")).orThrow();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of("n1"), "Nurse Joan Park", "nurse", null)).orThrow();
        for (String[] pair : new String[][] {{"p1", "d1"}, {"p2", "d1"}, {"p1", "n1"}}) {
            core.openCareRelationship().open(new OpenCareRelationship(admin, UserId.of(pair[0]), UserId.of(pair[1]),
                    null, null, null)).orThrow();
        }
    }

    String token(String user, String role) {
        return issuer.issue(user, role, null, Duration.ofHours(1));
    }

    String token(String user) {
        return token(user, switch (user) {
            case "d1" -> "doctor";
            case "n1" -> "nurse";
            case "admin" -> "admin";
            default -> "patient";
        });
    }

    URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws" + (query == null ? "" : "?" + query));
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    WsClient connect(String user) {
        return WsClient.connect(ws(null), Map.of("Authorization", "Bearer " + token(user)));
    }

    HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).GET();
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
