package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.adapter.jwt.HmacTokenIssuer;
import org.carechat.adapter.redis.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three real CareChat processes (the shipped jar) as the nodes of a cluster: a shared MongoDB-wire-compatible server on a
 * TCP port (mongo-java-server, standing in for the replica set), a real redis-server, and a node killed with SIGKILL.
 */
class ClusterProcessesIT {
    private static final String SECRET = "a-cluster-test-secret-of-at-least-32-bytes";
    private static final Pattern PORT = Pattern.compile("CareChat listening on port (\\d+)");
    private static final Duration NODE_TTL = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private final HmacTokenIssuer tokens = new HmacTokenIssuer(SECRET.getBytes(StandardCharsets.UTF_8), null, null, "role",
            Clock.systemUTC());
    private final List<Process> nodes = new ArrayList<>();
    private RedisServer redis;
    private MongoServer mongo;
    private String mongoUri;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        mongo = new MongoServer(new MemoryBackend());
        mongoUri = mongo.bindAndGetConnectionString();
    }

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
        mongo.shutdownNow();
        redis.close();
    }

    /** A node: the jar in its own JVM; its port once it listens. */
    private int node() throws Exception {
        JarProcess jar = JarProcess.start(List.of("--port", "0", "--host", "127.0.0.1", "--jwt-secret", SECRET, "--store",
                "mongo", "--mongo-uri", mongoUri, "--mongo-database", "cluster", "--mongo-write-concern", "w1",
                "--mongo-people-cache-ttl", "0", "--redis-uri", redis.uri(), "--cluster-node-ttl", NODE_TTL.toMillis() + "ms"));
        nodes.add(jar.process());
        int[] port = {-1};
        jar.readUntil(line -> {
            Matcher printed = PORT.matcher(line);
            if (printed.find()) {
                port[0] = Integer.parseInt(printed.group(1));
                return true;
            }
            return false;
        }, 60);
        assertThat(port[0]).as("the node printed its port; output: " + jar.output()).isPositive();
        return port[0];
    }

    private String token(String user, String role) {
        return tokens.issue(user, role, null, Duration.ofHours(1));
    }

    private void admin(int port, String path, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token("admin", "admin")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
    }

    private WsClient connect(int port, String user, String role) {
        return WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of("Authorization", "Bearer " + token(user, role)));
    }

    @Test
    void presence_crosses_nodes_and_a_killed_node_takes_its_users_offline_whose_clients_go_on_elsewhere() throws Exception {
        int a = node();
        int b = node();
        int c = node();
        admin(a, "/api/admin/users/p1", "{\"name\":\"Pat Doe\",\"role\":\"patient\"}");
        admin(a, "/api/admin/users/d1", "{\"name\":\"Dr. Ada Smith\",\"role\":\"doctor\"}");
        admin(a, "/api/admin/care-relationships", "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}");

        try (WsClient doctor = connect(b, "d1", "doctor"); WsClient doctorTablet = connect(c, "d1", "doctor")) {
            WsClient patient = connect(a, "p1", "patient");
            JsonNode online = doctor.await(f -> "user_status_change".equals(f.path("event").asString())
                    && f.path("data").path("isOnline").asBoolean());
            assertThat(online.path("data").path("userId").asString()).isEqualTo("p1");
            patient.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"d1\",\"content\":\"from node A\","
                    + "\"clientMessageId\":\"k1\"}}");
            patient.awaitReply("1");
            assertThat(doctor.awaitEvent("new_message").path("data").path("message").path("content").asString())
                    .isEqualTo("from node A");
            assertThat(doctorTablet.awaitEvent("new_message").path("data").path("message").path("content").asString())
                    .as("on the third node too").isEqualTo("from node A");

            long killed = System.nanoTime();
            nodes.get(0).destroyForcibly(); // SIGKILL: no shutdown, no session closed
            JsonNode offline = doctor.await(f -> "user_status_change".equals(f.path("event").asString())
                    && !f.path("data").path("isOnline").asBoolean());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertThat(offline.path("data").path("userId").asString()).isEqualTo("p1");
            assertThat(offline.path("data").path("lastSeen").isString()).isTrue();
            assertThat(millis).as("offline within the node time to live and a reap (ms)").isLessThan(5_000);
            JsonNode offlineOnC = doctorTablet.await(f -> "user_status_change".equals(f.path("event").asString())
                    && !f.path("data").path("isOnline").asBoolean());
            assertThat(offlineOnC.path("data").path("userId").asString()).isEqualTo("p1");
            assertThat(doctor.receivesNothingLike(f -> "user_status_change".equals(f.path("event").asString())
                    && !f.path("data").path("isOnline").asBoolean(), Duration.ofSeconds(2)))
                    .as("told once, by the one survivor that reaped the dead node").isTrue();

            // her client reconnects to the other node and goes on: the message it sends again with the same key is
            // not stored twice
            try (WsClient again = connect(b, "p1", "patient")) {
                again.send("{\"event\":\"send_message\",\"id\":\"2\",\"data\":{\"to\":\"d1\",\"content\":\"from node A\","
                        + "\"clientMessageId\":\"k1\"}}");
                assertThat(again.awaitReply("2").path("data").path("message").path("seq").asLong()).isEqualTo(1);
                again.send("{\"event\":\"send_message\",\"id\":\"3\",\"data\":{\"to\":\"d1\",\"content\":\"now on B\"}}");
                assertThat(again.awaitReply("3").path("data").path("message").path("seq").asLong()).isEqualTo(2);
                assertThat(doctor.awaitEvent("new_message").path("data").path("message").path("content").asString())
                        .isEqualTo("now on B");
            }
        }
    }

    @Test
    void redis_stopped_and_started_again_under_load_loses_nothing_acknowledged_and_concurrent_senders_stay_in_order()
            throws Exception {
        int a = node();
        int b = node();
        admin(a, "/api/admin/users/p1", "{\"name\":\"Pat Doe\",\"role\":\"patient\"}");
        admin(a, "/api/admin/users/d1", "{\"name\":\"Dr. Ada Smith\",\"role\":\"doctor\"}");
        admin(a, "/api/admin/care-relationships", "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}");
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        String conversation;
        try (WsClient patient = connect(a, "p1", "patient"); WsClient doctor = connect(b, "d1", "doctor");
             WsClient tablet = connect(b, "p1", "patient")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"0\",\"data\":{\"to\":\"d1\",\"content\":\"start\"}}");
            JsonNode first = patient.awaitReply("0").path("data").path("message");
            conversation = first.path("conversationId").asString();
            acknowledged.add(first.path("id").asString());

            // both send at once from their two nodes: the patient's tablet on B sees every message in seq order
            Thread doctorSends = new Thread(() -> {
                for (int i = 1; i <= 100; i++) {
                    doctor.send("{\"event\":\"send_message\",\"data\":{\"conversationId\":\"" + conversation
                            + "\",\"content\":\"d" + i + "\"}}");
                }
            });
            doctorSends.start();
            for (int i = 1; i <= 100; i++) {
                patient.send("{\"event\":\"send_message\",\"data\":{\"conversationId\":\"" + conversation
                        + "\",\"content\":\"p" + i + "\"}}");
            }
            doctorSends.join();
            int stored = 1;
            for (WsClient sender : new WsClient[] {patient, doctor}) {
                for (int n = 0; n < 100; n++) {
                    JsonNode answer = sender.await(f -> "message_sent".equals(f.path("event").asString())
                            || "error".equals(f.path("event").asString()));
                    if ("message_sent".equals(answer.path("event").asString())) {
                        stored++;
                        acknowledged.add(answer.path("data").path("message").path("id").asString());
                    }
                }
            }
            System.out.println("[cluster contention] " + (stored - 1) + " of 200 sends stored, " + (201 - stored)
                    + " refused UNAVAILABLE");
            List<Long> seqs = new ArrayList<>();
            while (seqs.size() < stored) {
                seqs.add(tablet.awaitEvent("new_message").path("data").path("message").path("seq").asLong());
            }
            assertThat(seqs).as("in seq order on the other node").isSorted().doesNotHaveDuplicates();

            // now Redis goes away and comes back while the patient keeps sending from node A
            Thread outage = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    redis.kill();
                    Thread.sleep(700);
                    redis.startAgain();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            outage.start();
            // the client as a real one behaves: when its node closes it (1012, catch up), it reconnects and sends the
            // message again with the same key
            WsClient sending = patient;
            List<WsClient> opened = new ArrayList<>();
            try {
                for (int i = 1; i <= 60; i++) {
                    String key = "o" + i;
                    String frame = "{\"event\":\"send_message\",\"id\":\"" + key + "\",\"data\":{\"conversationId\":\""
                            + conversation + "\",\"content\":\"during " + i + "\",\"clientMessageId\":\"" + key + "\"}}";
                    JsonNode answer = null;
                    while (answer == null || !"message_sent".equals(answer.path("event").asString())) {
                        if (sending.closed()) {
                            sending = connect(a, "p1", "patient");
                            opened.add(sending);
                        }
                        try {
                            sending.send(frame);
                            answer = sending.awaitReply(key);
                        } catch (RuntimeException | AssertionError cut) {
                            answer = null;
                            Thread.sleep(100);
                            if (!sending.closed()) {
                                sending.close();
                                sending = connect(a, "p1", "patient");
                                opened.add(sending);
                            }
                        }
                        if (answer != null && !"message_sent".equals(answer.path("event").asString())) {
                            Thread.sleep(100); // refused (the store or the node busy): send it again
                        }
                    }
                    acknowledged.add(answer.path("data").path("message").path("id").asString());
                    Thread.sleep(20);
                }
            } finally {
                opened.forEach(WsClient::close);
            }
            outage.join();
        }
        // whatever the doctor's socket heard, what she syncs holds every acknowledged message
        try (WsClient doctor = connect(b, "d1", "doctor")) {
            List<String> synced = new ArrayList<>();
            long after = 0;
            boolean more = true;
            while (more) {
                doctor.send("{\"event\":\"sync\",\"id\":\"s" + after + "\",\"data\":{\"conversationId\":\"" + conversation
                        + "\",\"afterSeq\":" + after + ",\"limit\":100}}");
                JsonNode page = doctor.awaitReply("s" + after).path("data");
                for (JsonNode message : page.path("messages")) {
                    synced.add(message.path("id").asString());
                    after = message.path("seq").asLong();
                }
                more = page.path("hasMore").asBoolean();
            }
            assertThat(synced).containsAll(acknowledged);
            // the first, the 60 sent through the outage (each until acknowledged), and those of the contention phase
            // that were not refused as UNAVAILABLE (the conversation changed by the other node at every attempt)
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(61);
        }
    }
}
