package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.carechat.bootstrap.config.Option;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * The Socket.IO door with a client no one here wrote: socket.io-client for Java (2.1.2, Socket.IO v4 / Engine.IO
 * v4), against the real server. And the packets a client library would never send, over a raw WebSocket.
 */
class SocketIoEndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A socket.io-client socket and what it heard. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BlockingQueue<String> connects = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> connectErrors = new LinkedBlockingQueue<>();
        final Map<String, BlockingQueue<JSONObject>> events = new java.util.concurrent.ConcurrentHashMap<>();

        Client(URI base, IO.Options options, String... listen) {
            this.socket = IO.socket(base, options);
            socket.on(Socket.EVENT_CONNECT, args -> connects.add("connect"));
            socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.add(args.length > 0 ? args[0] : "none"));
            for (String event : listen) {
                BlockingQueue<JSONObject> queue = new LinkedBlockingQueue<>();
                events.put(event, queue);
                socket.on(event, args -> queue.add((JSONObject) args[0]));
            }
            socket.connect();
        }

        JSONObject next(String event) throws InterruptedException {
            JSONObject got = events.get(event).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(got).as("an event " + event).isNotNull();
            return got;
        }

        void connected() throws InterruptedException {
            assertThat(connects.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("connected").isEqualTo("connect");
        }

        /** emit with an ack callback; the callback's one argument. */
        JSONObject call(String event, JSONObject data) throws Exception {
            CompletableFuture<JSONObject> answer = new CompletableFuture<>();
            socket.emit(event, data, (Ack) args -> answer.complete((JSONObject) args[0]));
            return answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    static IO.Options options(String token, boolean reconnect) {
        io.socket.client.SocketOptionBuilder builder = IO.Options.builder().setTransports(new String[] {WebSocket.NAME}).setReconnection(reconnect)
                .setReconnectionDelay(200).setReconnectionDelayMax(1000).setTimeout(WAIT.toMillis());
        if (token != null) {
            builder.setAuth(Map.of("token", token));
        }
        return builder.build();
    }

    private static URI base(TestServer test) {
        return URI.create("http://127.0.0.1:" + test.server.port());
    }

    @Test
    void a_patient_and_her_doctor_talk_with_acknowledgements_and_events() throws Exception {
        try (TestServer test = TestServer.start();
             Client patient = new Client(base(test), options(test.token("p1"), false), "message_sent", "typing_start", "messages_read");
             Client doctor = new Client(base(test), options(test.token("d1"), false), "new_message", "typing_start",
                     "typing_stopped", "user_status_change")) {
            patient.connected();
            doctor.connected();

            // with an ack callback: the named reply's data is its argument
            JSONObject sent = patient.call("send_message", new JSONObject().put("to", "d1").put("content", "Hello doctor")
                    .put("clientMessageId", "p1-1"));
            JSONObject message = sent.getJSONObject("message");
            assertThat(message.getString("content")).isEqualTo("Hello doctor");
            assertThat(message.getLong("seq")).isEqualTo(1);
            JSONObject received = doctor.next("new_message").getJSONObject("message");
            assertThat(received.getString("id")).isEqualTo(message.getString("id"));
            assertThat(received.getString("senderId")).isEqualTo("p1");

            // without one: the named reply arrives as an event, as on /ws
            patient.socket.emit("send_message", new JSONObject().put("conversationId", message.getString("conversationId"))
                    .put("content", "Are you there?"));
            assertThat(patient.next("message_sent").getJSONObject("message").getLong("seq")).isEqualTo(2);
            assertThat(doctor.next("new_message").getJSONObject("message").getString("content")).isEqualTo("Are you there?");

            // a bare ack is {} to a callback
            JSONObject typing = doctor.call("typing_start", new JSONObject().put("to", "p1"));
            assertThat(typing.length()).isZero();
            assertThat(patient.next("typing_start").getString("userId")).isEqualTo("d1");

            doctor.call("mark_read", new JSONObject().put("conversationId", message.getString("conversationId")));
            JSONObject read = patient.next("messages_read");
            assertThat(read.getString("userId")).isEqualTo("d1");
            assertThat(read.getLong("upToSeq")).isEqualTo(2);
        }
    }

    @Test
    void refusals_come_back_as_the_ack_argument_or_as_an_error_event() throws Exception {
        try (TestServer test = TestServer.start();
             Client patient = new Client(base(test), options(test.token("p1"), false), "error")) {
            patient.connected();
            JSONObject forbidden = patient.call("send_message", new JSONObject().put("to", "p2").put("content", "hi"));
            assertThat(forbidden.getJSONObject("error").getString("code")).isEqualTo("FORBIDDEN");
            JSONObject unknown = patient.call("no_such_event", new JSONObject());
            assertThat(unknown.getJSONObject("error").getString("code")).isEqualTo("UNKNOWN_EVENT");
            JSONObject bad = patient.call("send_message", new JSONObject().put("to", "d1").put("content", "x").put("seq", 3));
            assertThat(bad.getJSONObject("error").getString("code")).isEqualTo("BAD_REQUEST");

            patient.socket.emit("send_message", new JSONObject().put("to", "p2").put("content", "hi"));
            JSONObject error = patient.next("error");
            assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
            assertThat(error.getString("message")).isNotBlank();
        }
    }

    @Test
    void a_refused_token_gets_connect_error_and_a_missing_one_too() throws Exception {
        try (TestServer test = TestServer.start();
             Client forged = new Client(base(test), options(test.token("p1").replaceAll(".{4}$", "AAAA"), false));
             Client none = new Client(base(test), options(null, false));
             Client stranger = new Client(base(test), options(test.token("x9"), false))) {
            for (Client client : List.of(forged, none, stranger)) {
                Object error = client.connectErrors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(error).isInstanceOf(JSONObject.class);
                assertThat(((JSONObject) error).getString("message")).startsWith("unauthorized");
                assertThat(((JSONObject) error).getJSONObject("data").getString("code")).isEqualTo("UNAUTHORIZED");
                assertThat(client.connects).isEmpty();
            }
        }
    }

    @Test
    void the_token_may_come_with_the_upgrade_as_on_ws() throws Exception {
        try (TestServer test = TestServer.start()) {
            IO.Options options = options(null, false);
            options.query = "access_token=" + test.token("d1");
            try (Client doctor = new Client(base(test), options)) {
                doctor.connected();
                JSONObject contacts = doctor.call("set_status", new JSONObject().put("status", "busy"));
                assertThat(contacts.length()).isZero();
            }
            IO.Options bad = options(null, false);
            bad.query = "access_token=" + test.token("d1").replaceAll(".{4}$", "AAAA");
            try (Client refused = new Client(base(test), bad)) {
                assertThat(refused.connectErrors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("refused at the upgrade")
                        .isNotNull();
                assertThat(refused.connects).isEmpty();
            }
        }
    }

    @Test
    void long_polling_is_answered_400_saying_to_use_websocket() throws Exception {
        try (TestServer test = TestServer.start()) {
            HttpResponse<String> polling = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(test.http("/socket.io/?EIO=4&transport=polling")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(polling.statusCode()).isEqualTo(400);
            assertThat(polling.body()).contains("\"code\":3").contains("transports: ['websocket']");
            IO.Options options = IO.Options.builder().setTransports(new String[] {Polling.NAME}).setReconnection(false)
                    .setAuth(Map.of("token", test.token("p1"))).build();
            try (Client client = new Client(base(test), options)) {
                assertThat(client.connectErrors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
                assertThat(client.connects).isEmpty();
            }
        }
    }

    @Test
    void the_heartbeat_keeps_a_quiet_socket_open_and_socket_io_and_ws_clients_talk() throws Exception {
        Map<Option, String> fast = Map.of(Option.PING_INTERVAL, "300ms", Option.IDLE_TIMEOUT, "1s");
        try (TestServer test = TestServer.start(fast, null);
             Client patient = new Client(base(test), options(test.token("p1"), false), "new_message");
             WsClient doctor = test.connect("d1")) {
            patient.connected();
            List<String> disconnects = new CopyOnWriteArrayList<>();
            patient.socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(String.valueOf(args.length > 0 ? args[0] : "")));
            Thread.sleep(2500); // more than twice the idle timeout, nothing sent but pongs
            assertThat(disconnects).isEmpty();
            assertThat(patient.socket.connected()).isTrue();

            doctor.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"p1\",\"content\":\"From /ws\"}}");
            assertThat(patient.next("new_message").getJSONObject("message").getString("content")).isEqualTo("From /ws");
            JSONObject sent = patient.call("send_message", new JSONObject().put("to", "d1").put("content", "From Socket.IO"));
            assertThat(sent.getJSONObject("message").getString("content")).isEqualTo("From Socket.IO");
            assertThat(doctor.await(frame -> frame.path("event").asText().equals("new_message")
                    && frame.path("data").path("message").path("content").asText().equals("From Socket.IO"))).isNotNull();
        }
    }

    @Test
    void after_a_server_restart_the_client_reconnects_by_itself() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("carechat-sio-");
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, data.toString());
        TestServer first = TestServer.start(options, null, true);
        int port = first.server.port();
        try (Client patient = new Client(base(first), options(first.token("p1"), true), "new_message")) {
            patient.connected();
            first.close();
            options.put(Option.PORT, Integer.toString(port));
            try (TestServer second = TestServer.start(options, null, false)) {
                patient.connected(); // the second connect: socket.io-client reconnected by itself, with its auth
                assertThat(patient.socket.connected()).isTrue();
                second.send("POST", "/api/chat/conversations", "d1", "{\"participantId\":\"p1\"}");
                try (WsClient doctor = second.connect("d1")) {
                    doctor.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"p1\",\"content\":\"Back\"}}");
                    assertThat(patient.next("new_message").getJSONObject("message").getString("content")).isEqualTo("Back");
                }
            }
        }
    }

    // ---- what no Socket.IO library sends: raw packets over a plain WebSocket ----

    /** A raw WebSocket to the Socket.IO path, and the text frames it received. */
    static final class Raw implements java.net.http.WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final java.net.http.WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        Raw(TestServer test, String query) {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + test.server.port() + "/socket.io/?" + query), this).join();
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        String next() throws InterruptedException {
            String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame").isNotNull();
            return frame;
        }

        /** The next frame that is not a ping (answering it). */
        String nextPacket() throws InterruptedException {
            while (true) {
                String frame = next();
                if (!frame.equals("2")) {
                    return frame;
                }
                send("3");
            }
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    @Test
    void malformed_unknown_oversize_and_premature_packets_are_refused() throws Exception {
        try (TestServer test = TestServer.start(); Raw raw = new Raw(test, "EIO=4&transport=websocket")) {
            String open = raw.next();
            assertThat(open).startsWith("0{\"sid\":").contains("\"pingInterval\":").contains("\"pingTimeout\":")
                    .contains("\"maxPayload\":").contains("\"upgrades\":[]");

            raw.send("42[\"send_message\",{\"to\":\"d1\",\"content\":\"before connect\"}]");
            assertThat(raw.nextPacket()).startsWith("42[\"error\",").contains("UNAUTHORIZED");
            raw.send("40/admin,{\"token\":\"" + test.token("p1") + "\"}");
            assertThat(raw.nextPacket()).startsWith("44").contains("Invalid namespace");
            raw.send("40{\"token\":\"" + test.token("p1") + "\"}");
            assertThat(raw.nextPacket()).startsWith("40{\"sid\":\"s_");

            raw.send("42[\"send_message\",{\"to\":\"d1\",");
            assertThat(raw.nextPacket()).startsWith("42[\"error\",").contains("BAD_REQUEST");
            raw.send("427[\"send_message\"");
            assertThat(raw.nextPacket()).startsWith("437[{\"error\":").contains("BAD_REQUEST");
            raw.send("42{\"event\":\"send_message\"}");
            assertThat(raw.nextPacket()).contains("BAD_REQUEST");
            raw.send("425[\"no_such_event\",{}]");
            assertThat(raw.nextPacket()).startsWith("435[{\"error\":{\"code\":\"UNKNOWN_EVENT\"");
            raw.send("426[\"send_message\",{\"to\":\"d1\",\"content\":\"a\"},{\"extra\":1}]");
            assertThat(raw.nextPacket()).startsWith("436[{\"error\":").contains("one data argument");
            raw.send("45-[\"send_message\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(raw.nextPacket()).contains("binary packets are not supported");
            raw.send("9");
            assertThat(raw.nextPacket()).contains("not an Engine.IO packet");
            raw.send("4" + "2".repeat(40) + "[\"x\"]");
            assertThat(raw.nextPacket()).contains("ack id is too long");
            raw.send("40{\"token\":\"" + test.token("p1") + "\"}");
            assertThat(raw.nextPacket()).contains("CONFLICT");

            // still open and working after all that
            raw.send("421[\"set_status\",{\"status\":\"busy\"}]");
            assertThat(raw.nextPacket()).isEqualTo("431[{}]");

            raw.send("42[\"send_message\",{\"to\":\"d1\",\"content\":\"" + "x".repeat(70_000) + "\"}]");
            assertThat(raw.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void an_upgrade_that_is_not_engine_io_4_over_websocket_is_refused_before_a_socket_exists() {
        try (TestServer test = TestServer.start()) {
            for (String query : List.of("EIO=3&transport=websocket", "EIO=4&transport=polling", "transport=websocket", "")) {
                Throwable refused = WsClient.refusal(URI.create("ws://127.0.0.1:" + test.server.port() + "/socket.io/?" + query),
                        Map.of());
                assertThat(refused).as(query).isNotNull();
                assertThat(String.valueOf(refused.getMessage()) + refused.getCause()).as(query).contains("400");
            }
        }
    }

    @Test
    void a_socket_that_never_connects_is_closed() throws Exception {
        Map<Option, String> fast = Map.of(Option.PING_INTERVAL, "300ms", Option.IDLE_TIMEOUT, "1s");
        try (TestServer test = TestServer.start(fast, null); Raw raw = new Raw(test, "EIO=4&transport=websocket")) {
            raw.next();
            assertThat(raw.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("closed: no CONNECT").isEqualTo(1008);
        }
    }
}
