package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carechat.adapter.redis.RedisServer;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two CareChat nodes sharing a MongoDB-wire-compatible store on a TCP port and a real redis-server: a patient on
 * node A and her doctor on node B see each other's events as if they were on one server.
 */
class ClusterTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RedisServer redis;
    private MongoServer mongo;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        mongo = new MongoServer(new MemoryBackend());
        String uri = mongo.bindAndGetConnectionString();
        a = TestServer.start(node(uri), null, true);
        b = TestServer.start(node(uri), null, false);
    }

    private Map<Option, String> node(String mongoUri) {
        Map<Option, String> options = TestServer.base();
        options.put(Option.STORE, "mongo");
        options.put(Option.MONGO_URI, mongoUri);
        options.put(Option.MONGO_DATABASE, "cluster");
        options.put(Option.MONGO_WRITE_CONCERN, "w1");
        options.put(Option.MONGO_PEOPLE_CACHE_TTL, "0");
        options.put(Option.REDIS_URI, redis.uri());
        options.put(Option.REDIS_CHANNEL, "test:cluster");
        // the ordering test sends faster than a person may
        options.put(Option.RATE_PER_SECOND, "1000");
        options.put(Option.RATE_BURST, "1000");
        options.put(Option.MAX_SOCKETS_PER_USER, "3");
        // a typing indicator not renewed ends sooner than the 6 s of the contract, so the test need not wait as long
        options.put(Option.TYPING_TTL, "1s");
        // urgent messages nobody acknowledges are followed up within seconds, both nodes looking every second
        options.put(Option.URGENT_REMIND_AFTER, "1s");
        options.put(Option.URGENT_ESCALATE_AFTER, "1s");
        return options;
    }

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // the next one still closes
            }
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void a_stopped_node_leaves_no_ordering_thread_behind() throws Exception {
        java.util.List<Thread> ordering = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("carechat-cluster-order-"))
                .toList();
        assertThat(ordering).hasSizeGreaterThanOrEqualTo(2);
        a.close();
        b.close();
        a = null;
        b = null;
        for (Thread thread : ordering) {
            thread.join(5_000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
    }

    @Test
    void messages_receipts_typing_and_edits_cross_nodes_and_reach_the_senders_other_devices_there() throws Exception {
        try (WsClient patient = a.connect("p1"); WsClient patientTablet = b.connect("p1"); WsClient doctor = b.connect("d1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"d1\",\"content\":\"Hello from A\"}}");
            JsonNode sent = patient.awaitReply("1").path("data").path("message");
            assertThat(sent.path("seq").asLong()).isEqualTo(1);
            String conversation = sent.path("conversationId").asString();
            JsonNode got = doctor.awaitEvent("new_message").path("data").path("message");
            assertThat(got.path("id").asString()).isEqualTo(sent.path("id").asString());
            assertThat(got.path("content").asString()).isEqualTo("Hello from A");
            assertThat(patientTablet.awaitEvent("new_message").path("data").path("message").path("id").asString())
                    .isEqualTo(sent.path("id").asString());
            assertThat(patient.receivesNothingLike(f -> "new_message".equals(f.path("event").asString()),
                    Duration.ofMillis(300))).as("the sending socket has its reply only").isTrue();

            doctor.send("{\"event\":\"typing_start\",\"data\":{\"conversationId\":\"" + conversation + "\"}}");
            assertThat(patient.awaitEvent("typing_start").path("data").path("userId").asString()).isEqualTo("d1");
            doctor.send("{\"event\":\"mark_read\",\"data\":{\"conversationId\":\"" + conversation + "\"}}");
            JsonNode read = patient.awaitEvent("messages_read").path("data");
            assertThat(read.path("userId").asString()).isEqualTo("d1");
            assertThat(read.path("upToSeq").asLong()).isEqualTo(1);

            patient.send("{\"event\":\"edit_message\",\"id\":\"2\",\"data\":{\"messageId\":\"" + sent.path("id").asString()
                    + "\",\"content\":\"Hello from node A\"}}");
            patient.awaitReply("2");
            assertThat(doctor.awaitEvent("message_edited").path("data").path("message").path("content").asString())
                    .isEqualTo("Hello from node A");
        }
    }

    @Test
    void both_nodes_look_for_due_follow_ups_of_an_urgent_message_and_each_step_is_taken_once() throws Exception {
        try (WsClient patient = a.connect("p1"); WsClient doctor = b.connect("d1"); WsClient nurse = a.connect("n1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"d1\",\"content\":\"I fainted\","
                    + "\"priority\":\"urgent\"}}");
            String urgent = patient.awaitReply("1").path("data").path("message").path("id").asString();

            assertThat(doctor.awaitEvent("urgent_reminder").path("data").path("messageId").asString()).isEqualTo(urgent);
            JsonNode escalated = nurse.awaitEvent("urgent_escalated").path("data");
            assertThat(escalated.path("messageId").asString()).isEqualTo(urgent);
            assertThat(escalated.path("escalatedTo").toString()).isEqualTo("[\"n1\"]");
            // a few more looks by both nodes change nothing
            assertThat(doctor.receivesNothingLike(f -> "urgent_reminder".equals(f.path("event").asString()),
                    Duration.ofSeconds(3))).as("one reminder").isTrue();
            assertThat(nurse.receivesNothingLike(f -> "urgent_escalated".equals(f.path("event").asString()),
                    Duration.ofMillis(100))).as("one escalation").isTrue();

            JsonNode trail = JSON.readTree(b.get("/api/admin/audit?target=message:" + urgent, "admin").body()).path("items");
            java.util.List<String> done = new java.util.ArrayList<>();
            trail.forEach(entry -> {
                if ("ok".equals(entry.path("outcome").asString())) {
                    done.add(entry.path("action").asString());
                }
            });
            assertThat(done).as("each step once, whichever node took it")
                    .containsOnlyOnce("urgent_remind", "urgent_escalate");
        }
    }

    @Test
    void presence_and_a_call_cross_nodes_rung_on_a_answered_signalled_and_ended_on_b() throws Exception {
        try (WsClient doctor = b.connect("d1"); WsClient patient = a.connect("p1")) {
            JsonNode online = doctor.await(f -> "user_status_change".equals(f.path("event").asString()));
            assertThat(online.path("data").path("userId").asString()).isEqualTo("p1");
            assertThat(online.path("data").path("isOnline").asBoolean()).isTrue();
            JsonNode presence = JSON.readTree(b.send("POST", "/api/chat/presence", "d1", "{\"userIds\":[\"p1\"]}").body());
            assertThat(presence.path(0).path("userId").asString()).isEqualTo("p1");
            assertThat(presence.path(0).path("isOnline").asBoolean()).as("online on node A, asked at node B").isTrue();

            patient.send("{\"event\":\"call_request\",\"id\":\"c\",\"data\":{\"to\":\"d1\",\"media\":\"video\"}}");
            String callId = patient.awaitReply("c").path("data").path("callId").asString();
            JsonNode ringing = doctor.awaitEvent("incoming_call").path("data");
            assertThat(ringing.path("callId").asString()).isEqualTo(callId);
            doctor.send("{\"event\":\"call_accept\",\"id\":\"a\",\"data\":{\"callId\":\"" + callId + "\"}}");
            assertThat(doctor.awaitReply("a").path("event").asString()).isEqualTo("ack");
            assertThat(patient.awaitEvent("call_accepted").path("data").path("by").asString()).isEqualTo("d1");
            doctor.send("{\"event\":\"call_signal\",\"id\":\"s\",\"data\":{\"callId\":\"" + callId
                    + "\",\"signal\":{\"sdp\":\"v=0\"}}}");
            doctor.awaitReply("s");
            assertThat(patient.awaitEvent("call_signal").path("data").path("signal").path("sdp").asString()).isEqualTo("v=0");
            doctor.send("{\"event\":\"call_end\",\"id\":\"e\",\"data\":{\"callId\":\"" + callId + "\"}}");
            doctor.awaitReply("e");
            JsonNode ended = patient.awaitEvent("call_ended").path("data");
            assertThat(ended.path("outcome").asString()).isEqualTo("completed");
        }
    }

    @Test
    void a_users_sockets_on_every_node_count_to_the_per_user_cap() throws Exception {
        try (WsClient first = a.connect("p1"); WsClient second = b.connect("p1"); WsClient third = a.connect("p1")) {
            first.send("{\"event\":\"set_status\",\"id\":\"1\",\"data\":{\"status\":\"busy\"}}");
            first.awaitReply("1");
            for (TestServer node : new TestServer[] {a, b}) {
                Throwable refused = WsClient.refusal(node.ws(null), Map.of("Authorization", "Bearer " + node.token("p1")));
                assertThat(refused).as("a fourth socket, on either node").isInstanceOfSatisfying(
                        java.net.http.WebSocketHandshakeException.class,
                        handshake -> assertThat(handshake.getResponse().statusCode()).isEqualTo(429));
            }
            // another user is not counted with her
            try (WsClient doctor = b.connect("d1")) {
                doctor.send("{\"event\":\"set_status\",\"id\":\"2\",\"data\":{\"status\":\"busy\"}}");
                assertThat(doctor.awaitReply("2").path("event").asString()).isEqualTo("ack");
            }
        }
    }

    @Test
    void deliveries_reactions_deletes_reads_on_other_devices_and_typing_expiry_cross_nodes() throws Exception {
        try (WsClient patient = a.connect("p1"); WsClient doctor = b.connect("d1"); WsClient doctorDesk = a.connect("d1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"1\",\"data\":{\"to\":\"d1\",\"content\":\"hello\"}}");
            JsonNode sent = patient.awaitReply("1").path("data").path("message");
            String id = sent.path("id").asString();
            String conversation = sent.path("conversationId").asString();
            doctor.awaitEvent("new_message");
            doctorDesk.awaitEvent("new_message");

            doctor.send("{\"event\":\"mark_delivered\",\"data\":{\"conversationId\":\"" + conversation + "\",\"upToSeq\":1}}");
            assertThat(patient.awaitEvent("messages_delivered").path("data").path("userId").asString()).isEqualTo("d1");
            // the doctor reads on node B: her desk on node A is told its unread count changed
            doctor.send("{\"event\":\"mark_read\",\"data\":{\"conversationId\":\"" + conversation + "\"}}");
            JsonNode updated = doctorDesk.awaitEvent("conversation_updated").path("data").path("conversation");
            assertThat(updated.path("unreadCount").asLong()).isZero();

            doctor.send("{\"event\":\"add_reaction\",\"data\":{\"messageId\":\"" + id + "\",\"emoji\":\"👍\"}}");
            assertThat(patient.awaitEvent("message_reaction_updated").path("data").path("reactions").path("👍").path(0)
                    .asString()).isEqualTo("d1");
            patient.send("{\"event\":\"delete_message\",\"data\":{\"messageId\":\"" + id + "\"}}");
            assertThat(doctor.awaitEvent("message_deleted").path("data").path("messageId").asString()).isEqualTo(id);

            // a typing indicator started on node A and not renewed ends on node B by itself
            patient.send("{\"event\":\"typing_start\",\"data\":{\"conversationId\":\"" + conversation + "\"}}");
            assertThat(doctor.awaitEvent("typing_start").path("data").path("userId").asString()).isEqualTo("p1");
            assertThat(doctor.awaitEvent("typing_stopped").path("data").path("userId").asString()).isEqualTo("p1");
        }
    }

    @Test
    void a_conversation_arrives_in_seq_order_on_the_other_node() throws Exception {
        int count = 200;
        try (WsClient patient = a.connect("p1"); WsClient doctor = b.connect("d1")) {
            for (int i = 1; i <= count; i++) {
                patient.send("{\"event\":\"send_message\",\"data\":{\"to\":\"d1\",\"content\":\"m" + i + "\",\"clientMessageId\":\"k"
                        + i + "\"}}");
            }
            List<Long> seqs = new ArrayList<>();
            while (seqs.size() < count) {
                seqs.add(doctor.awaitEvent("new_message").path("data").path("message").path("seq").asLong());
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= count; i++) {
                expected.add(i);
            }
            assertThat(seqs).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void two_people_sending_at_once_from_two_nodes_reach_every_other_device_in_seq_order() throws Exception {
        int each = 150;
        try (WsClient patient = a.connect("p1"); WsClient doctor = b.connect("d1");
             WsClient patientTablet = b.connect("p1"); WsClient doctorDesk = a.connect("d1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"0\",\"data\":{\"to\":\"d1\",\"content\":\"start\"}}");
            String conversation = patient.awaitReply("0").path("data").path("message").path("conversationId").asString();
            Thread sending = new Thread(() -> {
                for (int i = 1; i <= each; i++) {
                    doctor.send("{\"event\":\"send_message\",\"data\":{\"conversationId\":\"" + conversation
                            + "\",\"content\":\"d" + i + "\"}}");
                }
            });
            sending.start();
            for (int i = 1; i <= each; i++) {
                patient.send("{\"event\":\"send_message\",\"data\":{\"conversationId\":\"" + conversation
                        + "\",\"content\":\"p" + i + "\"}}");
            }
            sending.join();
            // every send is answered: stored (message_sent) or refused (error: a store conflict under contention
            // says retry); the devices must get every stored one, in order
            int stored = 1;
            for (WsClient sender : new WsClient[] {patient, doctor}) {
                for (int answered = 0; answered < each; answered++) {
                    JsonNode answer = sender.await(f -> "message_sent".equals(f.path("event").asString())
                            || "error".equals(f.path("event").asString()));
                    if ("message_sent".equals(answer.path("event").asString())) {
                        stored++;
                    } else {
                        System.out.println("[cluster order] refused: " + answer);
                    }
                }
            }
            for (WsClient device : new WsClient[] {patientTablet, doctorDesk}) {
                List<Long> seqs = new ArrayList<>();
                while (seqs.size() < stored) {
                    seqs.add(device.awaitEvent("new_message").path("data").path("message").path("seq").asLong());
                }
                assertThat(seqs).as("every message, in seq order, on a device of each node").isSorted().doesNotHaveDuplicates();
                assertThat(seqs.get(seqs.size() - 1)).isEqualTo((long) stored);
            }
        }
    }

    @Test
    void a_node_cut_off_from_redis_says_degraded_and_once_back_its_clients_catch_up_with_nothing_missing() throws Exception {
        assertThat(health(b).path("cluster").asString()).isEqualTo("UP");
        try (WsClient patient = a.connect("p1"); WsClient doctor = b.connect("d1")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"0\",\"data\":{\"to\":\"d1\",\"content\":\"before\"}}");
            String conversation = patient.awaitReply("0").path("data").path("message").path("conversationId").asString();
            doctor.awaitEvent("new_message");

            redis.kill();
            awaitHealth(b, "DEGRADED");
            assertThat(health(b).path("cluster").asString()).isEqualTo("DOWN");
            // acknowledged on A while B cannot hear it
            for (int i = 1; i <= 5; i++) {
                patient.send("{\"event\":\"send_message\",\"id\":\"" + i + "\",\"data\":{\"conversationId\":\"" + conversation
                        + "\",\"content\":\"during " + i + "\"}}");
                assertThat(patient.awaitReply(Integer.toString(i)).path("event").asString()).isEqualTo("message_sent");
            }
            redis.startAgain();
            // B tells its sockets to reconnect and catch up
            assertThat(doctor.awaitClose()).isEqualTo(1012);
            awaitHealth(b, "UP");
        }
        try (WsClient doctor = b.connect("d1")) {
            doctor.send("{\"event\":\"sync\",\"id\":\"s\",\"data\":{\"conversationId\":\"" + a.server.core().ports()
                    .conversations().findDirect(org.carechat.domain.user.UserId.of("p1"),
                            org.carechat.domain.user.UserId.of("d1")).orElseThrow().id().value() + "\",\"afterSeq\":1}}");
            JsonNode messages = doctor.awaitReply("s").path("data").path("messages");
            List<String> contents = new ArrayList<>();
            messages.forEach(m -> contents.add(m.path("content").asString()));
            assertThat(contents).containsExactly("during 1", "during 2", "during 3", "during 4", "during 5");
        }
    }

    private static JsonNode health(TestServer node) throws Exception {
        HttpResponse<String> response = node.get("/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitHealth(TestServer node, String status) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            if (status.equals(health(node).path("status").asString())) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(health(node).path("status").asString()).as("health of the node").isEqualTo(status);
    }
}
