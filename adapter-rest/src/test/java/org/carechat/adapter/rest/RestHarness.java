package org.carechat.adapter.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCalls;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryChanges;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.inmemory.InMemoryNotifier;
import org.carechat.adapter.inmemory.InMemoryPresence;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.adapter.inmemory.UlidIdGenerator;
import org.carechat.application.CareChatCore;
import org.carechat.application.ChatPorts;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.carechat.application.port.Directory;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.port.StoreProbe;
import org.carechat.application.port.fake.TestTokens;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Grizzly server on a free port serving {@link RestApi#resourceConfig()} over a core on the in-memory
 * ports and a manual clock, and an HTTP client to talk to it. Users and care relationships are seeded
 * through the admin endpoints themselves.
 */
final class RestHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final RateLimits LIFTED = new RateLimits(new RateLimits.Budget(1_000_000, 1_000_000),
            new RateLimits.Budget(1_000_000, 1_000_000));

    final ManualTime time = new ManualTime(START);
    final Metrics metrics = new Metrics();
    final InMemoryNotifier notifier = new InMemoryNotifier();
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final CareChatCore core;
    final HttpServer server;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private RestHarness(Builder builder) {
        Directory directory = builder.directory.apply(new InMemoryDirectory());
        InMemoryConversations conversations = new InMemoryConversations();
        InMemoryMessages messages = new InMemoryMessages();
        InMemoryCareRelationships care = new InMemoryCareRelationships();
        ChatPorts ports = new ChatPorts(conversations, messages, care, directory, new InMemoryAttachments(),
                new InMemoryBlobs(), audit, new InMemoryChanges(conversations, messages, audit,
                        directory instanceof DirectoryStore store ? store : null, care), notifier, new InMemoryPresence(),
                new InMemoryCalls(), time, new UlidIdGenerator(time, new SecureRandom()), time);
        core = new CareChatCore(ports, builder.chat);
        RestApi api = new RestApi(core, core.authentication(new TestTokens(time)), new WireJson(WireLimits.standard()),
                builder.rest, metrics, builder.store, time);
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), api.resourceConfig());
        int port = server.getListeners().iterator().next().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    static RestHarness start() {
        return builder().start();
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        /**
         * The clock stands still unless a test moves it, so no budget would ever refill: the harness lifts the
         * per-user request budget, and the tests of the budget itself ({@code RateLimitTest}) set the real one.
         */
        private ChatSettings chat = ChatSettings.standard().withRateLimits(LIFTED);
        private RestSettings rest = RestSettings.standard();
        private StoreProbe store = () -> true;
        private UnaryOperator<Directory> directory = UnaryOperator.identity();

        Builder chat(ChatSettings value) {
            chat = value;
            return this;
        }

        Builder rest(RestSettings value) {
            rest = value;
            return this;
        }

        Builder store(StoreProbe value) {
            store = value;
            return this;
        }

        /** Wraps the in-memory directory (to make it fail, for instance). */
        Builder directory(UnaryOperator<Directory> value) {
            directory = value;
            return this;
        }

        RestHarness start() {
            return new RestHarness(this);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    // ---- tokens and seeding through the admin API

    String token(String userId, String role) {
        return TestTokens.token(userId, role, START.plus(Duration.ofDays(1)));
    }

    String admin() {
        return token("root", "admin");
    }

    void user(String id, String name, String role) {
        HttpResponse<String> response = put("/api/admin/users/" + id, admin(),
                "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        expect(response, 200);
    }

    void relate(String patient, String clinician) {
        HttpResponse<String> response = put("/api/admin/care-relationships", admin(),
                "{\"patientId\":\"" + patient + "\",\"clinicianId\":\"" + clinician + "\"}");
        expect(response, 200);
    }

    /** p1 and p2 are patients, d1 a doctor and n1 a nurse; p1 and p2 are both in care with d1. */
    void seedClinic() {
        user("p1", "Pat One", "patient");
        user("p2", "Pia Two", "patient");
        user("d1", "Dr. Ada Smith", "doctor");
        user("n1", "Nina Nurse", "nurse");
        relate("p1", "d1");
        relate("p2", "d1");
    }

    /** Opens (or finds) the direct conversation of {@code from} with {@code with}; answers its id. */
    String conversation(String from, String fromRole, String with) {
        HttpResponse<String> response = post("/api/chat/conversations", token(from, fromRole),
                "{\"participantId\":\"" + with + "\"}");
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new AssertionError("opening a conversation answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).get("id").stringValue();
    }

    JsonNode sendText(String token, String conversationId, String text) {
        HttpResponse<String> response = post("/api/chat/conversations/" + conversationId + "/messages", token,
                "{\"content\":\"" + text + "\"}");
        expect(response, 201);
        return json(response);
    }

    // ---- HTTP

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    HttpResponse<String> post(String path, String token, String json) {
        return send(path, "POST", token, "application/json", json);
    }

    HttpResponse<String> put(String path, String token, String json) {
        return send(path, "PUT", token, "application/json", json);
    }

    HttpResponse<String> patch(String path, String token, String json) {
        return send(path, "PATCH", token, "application/json", json);
    }

    HttpResponse<String> send(String path, String method, String token, String contentType, String body) {
        HttpRequest.Builder request = request(path, token)
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    HttpResponse<String> sendWith(String path, String method, String token, Map<String, String> headers, BodyPublisher body) {
        HttpRequest.Builder request = request(path, token).method(method, body);
        headers.forEach(request::header);
        return send(request);
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("the request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + " for "
                    + response.request().method() + " " + response.request().uri() + ": " + response.body());
        }
    }
}
