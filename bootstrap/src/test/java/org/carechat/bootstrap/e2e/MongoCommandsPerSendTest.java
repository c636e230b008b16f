package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carechat.bootstrap.config.Option;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a message costs MongoDB, counted where the commands arrive: a MongoDB-wire server that records every
 * command the server's driver sends to CareChat's database. A plain send over {@code /ws}, by conversation or
 * by person, is its audit entry, its message and its conversation's compare-and-set, and nothing else: who the
 * two people are, their care relationship and the conversation come from what this server last read or committed.
 */
class MongoCommandsPerSendTest {
    private static final String DATABASE = "carechat_commands";
    /** What the driver sends to watch the server and its sessions, not on behalf of a request. */
    private static final Set<String> HOUSEKEEPING = Set.of("hello", "ismaster", "ping", "endsessions", "buildinfo",
            "getlasterror", "saslstart", "saslcontinue");

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private MongoServer mongo;
    private TestServer test;

    @BeforeEach
    void start() {
        mongo = new MongoServer(new H2Backend(MVStore.open(null)) {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                if (database.equals(DATABASE) && !HOUSEKEEPING.contains(command.toLowerCase())) {
                    Object collection = query.get(command);
                    commands.add(collection instanceof String name ? command + " " + name : command);
                }
                return super.handleCommand(channel, database, command, query);
            }
        });
        String uri = mongo.bindAndGetConnectionString();
        test = TestServer.start(Map.of(Option.STORE, "mongo", Option.MONGO_URI, uri, Option.MONGO_DATABASE, DATABASE,
                Option.MONGO_WRITE_CONCERN, "w1"), null);
    }

    @AfterEach
    void stop() {
        if (test != null) {
            test.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void a_plain_send_is_three_commands_by_conversation_and_by_person() throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctor = test.connect("d1")) {
            // the doctor's socket coming online looks up her contacts (a find on conversations): let it finish first
            patient.awaitEvent("user_status_change");
            String conversation = sent(patient, "first", "\"to\":\"d1\"").path("conversationId").asString();
            doctor.awaitEvent("new_message");

            for (int n = 0; n < 5; n++) {
                commands.clear();
                sent(patient, "by-conversation-" + n, "\"conversationId\":\"" + conversation + "\"");
                assertThat(commands).as("send by conversation " + n)
                        .containsExactly("insert audit", "insert messages", "update conversations");
                commands.clear();
                sent(doctor, "by-person-" + n, "\"to\":\"p1\"");
                assertThat(commands).as("send by person " + n)
                        .containsExactly("insert audit", "insert messages", "update conversations");
            }
            System.out.println("[mongo commands per plain send] " + commands.size() + " " + commands);
        }
    }

    @Test
    void a_care_relationship_revoked_through_this_server_refuses_the_next_send_at_once() throws Exception {
        try (WsClient patient = test.connect("p1")) {
            String conversation = sent(patient, "before", "\"to\":\"d1\"").path("conversationId").asString();

            assertThat(test.send("DELETE", "/api/admin/care-relationships?patientId=p1&clinicianId=d1", "admin", null)
                    .statusCode()).isEqualTo(200);

            patient.send("{\"event\":\"send_message\",\"id\":\"after\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"after\"}}");
            JsonNode refused = patient.awaitReply("after");
            assertThat(refused.path("event").asString()).isEqualTo("error");
            assertThat(refused.path("data").path("code").asString()).isEqualTo("FORBIDDEN");
        }
    }

    private static JsonNode sent(WsClient client, String id, String target) throws InterruptedException {
        client.send("{\"event\":\"send_message\",\"id\":\"" + id + "\",\"data\":{" + target + ",\"content\":\"" + id
                + "\"}}");
        JsonNode reply = client.awaitReply(id);
        assertThat(reply.path("event").asString()).as(reply.toString()).isEqualTo("message_sent");
        return reply.path("data").path("message");
    }
}
