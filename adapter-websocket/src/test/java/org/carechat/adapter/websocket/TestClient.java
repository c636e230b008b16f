package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A real WebSocket client (java.net.http) that collects what the server sends, for tests to await. */
final class TestClient implements WebSocket.Listener, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private final boolean reading;
    private volatile WebSocket socket;
    final String token;

    private TestClient(String token, boolean reading) {
        this.token = token;
        this.reading = reading;
    }

    /** Connects with {@code Authorization: Bearer token} (none when null) and the given extra headers. */
    static TestClient connect(URI uri, String token, String... headers) {
        return connect(uri, token, true, headers);
    }

    static TestClient connect(URI uri, String token, boolean reading, String... headers) {
        return open(uri, token, reading, true, headers);
    }

    /** Connects as a browser does: the token in the {@code access_token} query parameter, no Authorization header. */
    static TestClient connectWithQueryToken(URI uri, String token, String... headers) {
        return open(URI.create(uri + "?access_token=" + token), token, true, false, headers);
    }

    private static TestClient open(URI uri, String token, boolean reading, boolean bearerHeader, String... headers) {
        TestClient client = new TestClient(token, reading);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (token != null && bearerHeader) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = join(builder.buildAsync(uri, client));
        return client;
    }

    /** Tries to connect without a bearer header; completes exceptionally when the server refuses the upgrade. */
    static CompletableFuture<WebSocket> attempt(URI uri, String... headers) {
        TestClient client = new TestClient(null, true);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.buildAsync(uri, client);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.add(message);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    /** Starts reading (for a client connected without reading). */
    void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    // ----- sending

    /** Sends a frame as it is. */
    void sendRaw(String text) {
        join(socket.sendText(text, true));
    }

    void sendBinary(byte[] bytes) {
        join(socket.sendBinary(ByteBuffer.wrap(bytes), true));
    }

    /** Sends {@code {"event", "id", "data"}} and returns its id. */
    String send(String event, Object data) {
        String id = "r" + ids.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        frame.put("id", id);
        frame.set("data", JSON.valueToTree(data));
        sendRaw(frame.toString());
        return id;
    }

    /** Sends a frame without id: answered only on failure. */
    void tell(String event, Object data) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("event", event);
        frame.set("data", JSON.valueToTree(data));
        sendRaw(frame.toString());
    }

    /** Sends and awaits the one reply, which must be {@code expectedEvent}; returns its data. */
    JsonNode request(String event, Object data, String expectedEvent) {
        String id = send(event, data);
        JsonNode reply = reply(id);
        assertThat(reply.get("event").stringValue()).as("reply to %s: %s", event, reply).isEqualTo(expectedEvent);
        return reply.get("data");
    }

    /** Sends and awaits an error reply; returns its data. */
    JsonNode requestError(String event, Object data, String code) {
        String id = send(event, data);
        JsonNode reply = reply(id);
        assertThat(reply.get("event").stringValue()).as("reply to %s: %s", event, reply).isEqualTo("error");
        assertThat(reply.get("data").get("code").stringValue()).as("error of %s: %s", event, reply).isEqualTo(code);
        return reply.get("data");
    }

    // ----- receiving

    /** The next frame, whatever it is. */
    JsonNode next() {
        try {
            JsonNode frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame arrived within " + TIMEOUT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame answering {@code id}; frames before it are skipped (returned by {@link #skipped}). */
    JsonNode reply(String id) {
        return awaitFrame(frame -> frame.has("re") && frame.get("re").stringValue().equals(id), "reply to " + id);
    }

    /** The next frame of event {@code name} (data); frames before it are kept in {@link #skipped}. */
    JsonNode await(String name) {
        return awaitFrame(frame -> frame.get("event").stringValue().equals(name) && !frame.has("re"), name).get("data");
    }

    private final List<JsonNode> skipped = new ArrayList<>();

    List<JsonNode> skipped() {
        return skipped;
    }

    private JsonNode awaitFrame(java.util.function.Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame;
            try {
                frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (frame == null) {
                fail("no " + what + " within " + TIMEOUT + "; skipped " + skipped);
            }
            if (wanted.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    /**
     * Proves that nothing else is waiting for this client: sends a request that has no side effects (its
     * own token again) and requires that its reply is the very next frame. Events for this client that
     * were published before the barrier are queued before its reply, so none may arrive first.
     */
    void assertNothingElseArrives() {
        String id = send("auth", java.util.Map.of("token", token));
        JsonNode frame = next();
        assertThat(frame.has("re") && frame.get("re").stringValue().equals(id))
                .as("expected only the barrier's reply, got %s", frame).isTrue();
        assertThat(frame.get("event").stringValue()).isEqualTo("ack");
    }

    ByteBuffer awaitPing() {
        try {
            ByteBuffer ping = pings.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (ping == null) {
                fail("no ping within " + TIMEOUT);
            }
            return ping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Closed awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the socket was not closed within " + TIMEOUT, e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Closes cleanly: sends a close frame and waits for the server's, then drops the connection. */
    @Override
    public void close() {
        WebSocket current = socket;
        if (current == null) {
            return;
        }
        try {
            if (!current.isOutputClosed()) {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the connection is going anyway
        } finally {
            current.abort();
        }
    }

    /** Drops the TCP connection without a close handshake, as a dead network would. */
    void abort() {
        socket.abort();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out", e);
        }
    }
}
