package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A seed front end's socket, as socket.io-client for Java opens it: a token in {@code auth}, WebSocket only, and
 * a queue for every event it listens for (any argument: an object, an array, a string).
 */
final class SeedClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Socket socket;
    private final BlockingQueue<String> connects = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> disconnects = new LinkedBlockingQueue<>();
    private final Map<String, BlockingQueue<Object>> events = new ConcurrentHashMap<>();

    SeedClient(TestServer test, String user, String... listen) {
        IO.Options options = IO.Options.builder().setTransports(new String[] {WebSocket.NAME}).setReconnection(false)
                .setTimeout(WAIT.toMillis()).setAuth(Map.of("token", test.token(user))).build();
        this.socket = IO.socket(URI.create("http://127.0.0.1:" + test.server.port()), options);
        socket.on(Socket.EVENT_CONNECT, args -> connects.add("connect"));
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(args.length > 0 ? args[0] : "none"));
        for (String event : listen) {
            BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
            events.put(event, queue);
            socket.on(event, args -> queue.add(args.length > 0 ? args[0] : JSONObject.NULL));
        }
        socket.connect();
        try {
            assertThat(connects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as(user + " connected").isEqualTo("connect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code event} this socket got, as an object. */
    JSONObject next(String event) throws InterruptedException {
        return (JSONObject) nextValue(event);
    }

    JSONArray nextArray(String event) throws InterruptedException {
        return (JSONArray) nextValue(event);
    }

    Object nextValue(String event) throws InterruptedException {
        Object got = events.get(event).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(got).as("an event " + event).isNotNull();
        return got;
    }

    /** Nothing more of {@code event} within {@code millis}. */
    void none(String event, long millis) throws InterruptedException {
        assertThat(events.get(event).poll(millis, TimeUnit.MILLISECONDS)).as("no more " + event).isNull();
    }

    /** The reason the server gave when it disconnected this socket. */
    Object disconnected() throws InterruptedException {
        Object reason = disconnects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reason).as("disconnected").isNotNull();
        return reason;
    }

    /** emit with an ack callback: the callback's one argument. */
    Object call(String event, Object data) throws Exception {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        socket.emit(event, new Object[] {data}, (Ack) args -> answer.complete(args.length > 0 ? args[0] : null));
        return answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    JSONObject ask(String event, Object data) throws Exception {
        return (JSONObject) call(event, data);
    }

    /** The code of the refusal an ack carried. */
    String refused(String event, Object data) throws Exception {
        JSONObject answer = ask(event, data);
        assertThat(answer.has("error")).as(event + " refused: " + answer).isTrue();
        return answer.getJSONObject("error").getString("code");
    }

    void emit(String event, Object data) {
        socket.emit(event, data);
    }

    /** The field names of {@code object} (this org.json has no keySet). */
    static java.util.Set<String> fields(JSONObject object) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        object.keys().forEachRemaining(name -> names.add((String) name));
        return names;
    }

    @Override
    public void close() {
        socket.close();
    }
}
