package org.carechat.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (java.net.http) that keeps every frame it receives, for tests to wait on. */
final class WsClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    private WsClient() {
    }

    static WsClient connect(URI uri, Map<String, String> headers) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client.listener()).join();
        return client;
    }

    /** The upgrade's failure, or null when the socket opened. */
    static Throwable refusal(URI uri, Map<String, String> headers) {
        try {
            WsClient client = connect(uri, headers);
            client.close();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame (in arrival order) that matches, skipping others but keeping them in {@link #seen()}. */
    JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame within " + WAIT + "; seen: " + seen);
            }
            if (match.test(frame)) {
                return frame;
            }
        }
    }

    JsonNode awaitEvent(String event) throws InterruptedException {
        return await(frame -> event.equals(frame.path("event").asString()));
    }

    JsonNode awaitReply(String id) throws InterruptedException {
        return await(frame -> id.equals(frame.path("re").asString()));
    }

    /** Nothing matching arrives within {@code quiet}. */
    boolean receivesNothingLike(Predicate<JsonNode> match, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame != null && match.test(frame)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the server closed the socket (or it broke). */
    boolean closed() {
        return closeCode.isDone();
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    synchronized List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    synchronized (WsClient.this) {
                        seen.add(frame);
                    }
                    frames.add(frame);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                webSocket.request(1);
                return WebSocket.Listener.super.onPing(webSocket, message);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.complete(-1);
            }
        };
    }
}
