package org.carechat.adapter.websocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carechat.adapter.inmemory.InMemoryAttachments;
import org.carechat.adapter.inmemory.InMemoryAuditTrail;
import org.carechat.adapter.inmemory.InMemoryBlobs;
import org.carechat.adapter.inmemory.InMemoryCalls;
import org.carechat.adapter.inmemory.InMemoryCareRelationships;
import org.carechat.adapter.inmemory.InMemoryChanges;
import org.carechat.adapter.inmemory.InMemoryConversations;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.adapter.inmemory.InMemoryMessages;
import org.carechat.adapter.inmemory.InMemoryPresence;
import org.carechat.adapter.inmemory.ManualTime;
import org.carechat.adapter.inmemory.UlidIdGenerator;
import org.carechat.application.Actor;
import org.carechat.application.CareChatCore;
import org.carechat.application.ChatPorts;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.carechat.application.port.Directory;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.application.port.fake.TestTokens;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * A real server for tests: a Grizzly HttpServer on a free port with the adapter installed, over a core on
 * the in-memory ports, with {@link ManualTime} as the clock and timers of the core and of the adapter.
 */
final class ChatServer implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    static final Actor ADMIN = Actor.of(UserId.of("admin"), Role.ADMIN);
    /** The clock stands still unless a test moves it, so budgets never refill: for tests about something else. */
    static final ChatSettings LIFTED_BUDGETS = ChatSettings.standard().withRateLimits(new RateLimits(
            new RateLimits.Budget(1_000_000, 1_000_000), new RateLimits.Budget(1_000_000, 1_000_000)));

    final ManualTime time = new ManualTime(START);
    final Metrics metrics = new Metrics();
    final SessionRegistry registry = new SessionRegistry(metrics);
    final CareChatCore core;
    final WebSocketAdapter adapter;
    final WebSocketSettings settings;
    private final HttpServer http;
    private final NetworkListener listener;
    private final List<TestClient> clients = new ArrayList<>();

    private ChatServer(WebSocketSettings settings, ChatSettings chat, Directory directory,
                       WebSocketAdapter.FrameThreads frameThreads) {
        this.settings = settings;
        InMemoryConversations conversations = new InMemoryConversations();
        InMemoryMessages messages = new InMemoryMessages();
        InMemoryCareRelationships care = new InMemoryCareRelationships();
        InMemoryAuditTrail trail = new InMemoryAuditTrail();
        ChatPorts ports = new ChatPorts(conversations, messages, care, directory, new InMemoryAttachments(),
                new InMemoryBlobs(), trail, new InMemoryChanges(conversations, messages, trail,
                        directory instanceof DirectoryStore store ? store : null, care), registry,
                new InMemoryPresence(), new InMemoryCalls(), time, new UlidIdGenerator(time, new SecureRandom()), time);
        this.core = new CareChatCore(ports, chat);
        this.adapter = new WebSocketAdapter(core, core.authentication(new TestTokens(time)), registry,
                new WireJson(WireLimits.standard()), settings, time, metrics);
        this.http = new HttpServer();
        this.listener = new NetworkListener("carechat-test", "127.0.0.1", 0);
        http.addListener(listener);
        adapter.install(listener, frameThreads);
    }

    static ChatServer start() {
        return start(WebSocketSettings.standard().withAllowedOrigins(java.util.Set.of("https://app.example.org")));
    }

    static ChatServer start(WebSocketSettings settings) {
        return start(settings, listener -> { });
    }

    /** Starts with the listener configured by {@code configure} first (as bootstrap configures its own). */
    static ChatServer start(WebSocketSettings settings, java.util.function.Consumer<NetworkListener> configure) {
        return start(settings, ChatSettings.standard(), configure);
    }

    /** Starts over a core with {@code chat} settings (to lift the per-user request budget, for instance). */
    static ChatServer start(WebSocketSettings settings, ChatSettings chat, java.util.function.Consumer<NetworkListener> configure) {
        return start(settings, chat, new InMemoryDirectory(), configure);
    }

    /** Starts over {@code directory} (one that fails, for instance) instead of a plain in-memory one. */
    static ChatServer start(WebSocketSettings settings, ChatSettings chat, Directory directory,
                            java.util.function.Consumer<NetworkListener> configure) {
        return start(settings, chat, directory, WebSocketAdapter.FrameThreads.WORKERS, configure);
    }

    /** As the other starts, with frames run on {@code frameThreads}. */
    static ChatServer start(WebSocketSettings settings, ChatSettings chat, Directory directory,
                            WebSocketAdapter.FrameThreads frameThreads, java.util.function.Consumer<NetworkListener> configure) {
        ChatServer server = new ChatServer(settings, chat, directory, frameThreads);
        configure.accept(server.listener);
        try {
            server.http.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    NetworkListener listener() {
        return listener;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getPort() + settings.path());
    }

    int port() {
        return listener.getPort();
    }

    // ----- the directory and the care relationships

    ChatServer user(String id, String role) {
        core.upsertUser().upsert(new UpsertUser(ADMIN, UserId.of(id), "Name of " + id, role, null)).orThrow();
        return this;
    }

    ChatServer care(String patient, String clinician) {
        core.openCareRelationship().open(new OpenCareRelationship(ADMIN, UserId.of(patient), UserId.of(clinician),
                null, null, null)).orThrow();
        return this;
    }

    // ----- clients

    String token(String userId, String role) {
        return TestTokens.token(userId, role, time.instant().plus(Duration.ofHours(8)));
    }

    /** A connected, reading client of {@code userId}, whose presence is recorded when this returns. */
    TestClient connect(String userId, String role) {
        return connectWith(token(userId, role));
    }

    TestClient connectWith(String token) {
        TestClient client = TestClient.connect(uri(), token);
        clients.add(client);
        // a reply proves onOpen ran (presence recorded, socket registered) before the test goes on
        client.assertNothingElseArrives();
        return client;
    }

    /** A client that never reads what the server sends. */
    TestClient connectNotReading(String userId, String role) {
        TestClient client = TestClient.connect(uri(), token(userId, role), false);
        clients.add(client);
        return client;
    }

    /** Waits until the registry counts {@code expected} open sockets (a socket's close is recorded just after its close frame leaves). */
    void awaitConnections(int expected) {
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (registry.connectionCount() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " open sockets, still " + registry.connectionCount());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (TestClient client : clients) {
            try {
                client.abort();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        adapter.shutdown();
        http.shutdownNow();
    }
}
