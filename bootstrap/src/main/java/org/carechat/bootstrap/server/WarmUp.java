package org.carechat.bootstrap.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carechat.adapter.jwt.HmacTokenIssuer;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.bootstrap.config.Option;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;

/**
 * Runs the messaging path before the real server listens, so that the JIT has compiled it when the first users
 * arrive: a throwaway server of this JVM on the loopback interface (memory store, a random secret, its own
 * port), a few patient-doctor pairs sending over {@code /ws} and reading their history over REST for the time
 * given, then closed. Nothing of it reaches the real server's store; the compiled code is what stays.
 */
public final class WarmUp {
    private static final System.Logger LOG = System.getLogger(WarmUp.class.getName());
    private static final int PAIRS = 8;
    private static final int IN_FLIGHT_PER_PAIR = 16;
    private static final String TEXT = "Good morning doctor, the new tablets are fine and my blood pressure was 128 over 82.";

    private WarmUp() {
    }

    /** How much was sent, and how long it took. */
    public record Result(long messages, long pages, Duration took) {
    }

    /** Sends messages for {@code time} through a throwaway server; zero does nothing. */
    public static Result run(Duration time) {
        if (time.isZero() || time.isNegative()) {
            return new Result(0, 0, Duration.ZERO);
        }
        long started = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, "warming up for " + time.toMillis() + " ms before listening");
        try (CareChatServer server = CareChatServer.builder(ServerConfig.defaults(options())).start()) {
            Result result = drive(server, time, started);
            LOG.log(System.Logger.Level.INFO, "warmed up: " + result.messages() + " messages and " + result.pages()
                    + " history pages in " + result.took().toMillis() + " ms");
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, 0, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static Map<Option, String> options() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.HOST, "127.0.0.1");
        options.put(Option.STORE, "memory");
        options.put(Option.JWT_SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        options.put(Option.RATE_PER_SECOND, "1000000");
        options.put(Option.RATE_BURST, "1000000");
        options.put(Option.SHUTDOWN_GRACE, "1s");
        return options;
    }

    private static Result drive(CareChatServer server, Duration time, long started) throws InterruptedException {
        Actor admin = Actor.of(UserId.of("warmup-admin"), Role.ADMIN);
        HmacTokenIssuer issuer = HmacTokenIssuer.forSettings(server.jwtSettings(), Clock.systemUTC());
        HttpClient http = HttpClient.newHttpClient();
        List<Pair> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < PAIRS; i++) {
                String patient = "warmup-p" + i;
                String doctor = "warmup-d" + i;
                server.core().upsertUser().upsert(new UpsertUser(admin, UserId.of(patient), "Patient " + i, "patient",
                        null)).orThrow();
                server.core().upsertUser().upsert(new UpsertUser(admin, UserId.of(doctor), "Dr. " + i, "doctor",
                        "general practice")).orThrow();
                server.core().openCareRelationship().open(new OpenCareRelationship(admin, UserId.of(patient),
                        UserId.of(doctor), null, null, null)).orThrow();
                pairs.add(new Pair(server, http, issuer.issue(patient, "patient", null, Duration.ofMinutes(10)),
                        issuer.issue(doctor, "doctor", null, Duration.ofMinutes(10)), doctor));
            }
            // the time given is spent sending: starting the throwaway server and its sockets comes on top
            long deadline = System.nanoTime() + time.toNanos();
            long pages = 0;
            long round = 0;
            while (System.nanoTime() < deadline) {
                for (Pair pair : pairs) {
                    pair.send(round);
                }
                if (++round % 64 == 0) {
                    for (Pair pair : pairs) {
                        pages += pair.readHistory();
                    }
                }
            }
            long messages = 0;
            for (Pair pair : pairs) {
                messages += pair.drain();
            }
            return new Result(messages, pages, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            for (Pair pair : pairs) {
                pair.close();
            }
        }
    }

    /** One patient socket sending to its doctor's socket, a window of sends in flight. */
    private static final class Pair {
        private final CareChatServer server;
        private final HttpClient http;
        private final String patientToken;
        private final Semaphore window = new Semaphore(IN_FLIGHT_PER_PAIR);
        private final AtomicLong acknowledged = new AtomicLong();
        private final WebSocket patient;
        private final WebSocket doctor;
        private final String doctorId;
        private volatile String conversation;

        Pair(CareChatServer server, HttpClient http, String patientToken, String doctorToken, String doctorId) {
            this.server = server;
            this.http = http;
            this.patientToken = patientToken;
            this.doctorId = doctorId;
            this.patient = open(patientToken, new Counting(true));
            this.doctor = open(doctorToken, new Counting(false));
        }

        private WebSocket open(String token, WebSocket.Listener listener) {
            return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), listener).join();
        }

        void send(long round) throws InterruptedException {
            if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the warm-up server stopped answering");
            }
            String target = conversation == null ? "\"to\":\"" + doctorId + "\"" : "\"conversationId\":\"" + conversation + "\"";
            patient.sendText("{\"event\":\"send_message\",\"id\":\"" + round + "\",\"data\":{" + target
                    + ",\"content\":\"" + TEXT + "\",\"clientMessageId\":\"warmup-" + round + "\"}}", true).join();
            if (conversation == null) {
                // the first send opens the conversation: wait for it, so the next ones name it
                window.acquire(IN_FLIGHT_PER_PAIR);
                window.release(IN_FLIGHT_PER_PAIR);
            }
        }

        long readHistory() {
            if (conversation == null) {
                return 0;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/chat/conversations/" + conversation + "/messages?limit=50"))
                    .header("Authorization", "Bearer " + patientToken).GET().build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? 1 : 0;
            } catch (java.io.IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        /** Waits (briefly) for what is still in flight; answers how many sends were acknowledged. */
        long drain() throws InterruptedException {
            if (window.tryAcquire(IN_FLIGHT_PER_PAIR, 5, TimeUnit.SECONDS)) {
                window.release(IN_FLIGHT_PER_PAIR);
            }
            return acknowledged.get();
        }

        void close() {
            for (WebSocket socket : List.of(patient, doctor)) {
                try {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    socket.abort();
                }
            }
        }

        /** Counts the patient's acknowledgements (and learns the conversation); the doctor's side only reads. */
        private final class Counting implements WebSocket.Listener {
            private final boolean sender;
            private final StringBuilder text = new StringBuilder();

            Counting(boolean sender) {
                this.sender = sender;
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String frame = text.toString();
                    text.setLength(0);
                    if (sender && (frame.startsWith("{\"event\":\"message_sent\"") || frame.startsWith("{\"event\":\"error\""))) {
                        if (conversation == null) {
                            int at = frame.indexOf("\"conversationId\":\"");
                            if (at >= 0) {
                                conversation = frame.substring(at + 18, frame.indexOf('"', at + 18));
                            }
                        }
                        if (frame.startsWith("{\"event\":\"message_sent\"")) {
                            acknowledged.incrementAndGet();
                        }
                        window.release();
                    }
                }
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        }
    }
}
