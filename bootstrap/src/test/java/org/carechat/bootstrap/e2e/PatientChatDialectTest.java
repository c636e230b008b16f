package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carechat.bootstrap.config.Option;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's front end ("Complete Full-Stack Patient Chat System") against a server started with
 * {@code CHAT_SOCKETIO_DIALECT=patient-chat}: chats by id, {@code newMessage}, {@code typing}, receipts by message
 * ({@code messageDelivered}, {@code messageReadBy}) and {@code userStatusChanged}. Its messages are sent over REST.
 */
class PatientChatDialectTest {
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(Map.of(Option.SOCKETIO_DIALECT, "patient-chat"), null);
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void a_chat_is_joined_its_messages_arrive_and_receipts_name_the_message() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "typing", "messageDelivered", "messageReadBy", "userStatusChanged");
             SeedClient doctor = new SeedClient(test, "d1", "newMessage", "typing")) {
            JSONObject online = patient.next("userStatusChanged");
            assertThat(online.getString("userId")).isEqualTo("d1");
            assertThat(online.getBoolean("isOnline")).isTrue();

            // the seed's front end sends over REST; the socket hears it
            String opened = new JSONObject(test.send("POST", "/api/chat/conversations", "p1",
                    "{\"participantId\":\"d1\"}").body()).getString("id");
            var sent = test.send("POST", "/api/chat/conversations/" + opened + "/messages", "p1", "{\"content\":\"Hello doctor\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
            JSONObject message = doctor.next("newMessage");
            String chat = message.getString("chatId");
            assertThat(message.getString("sender")).isEqualTo("p1");
            assertThat(message.getString("content")).isEqualTo("Hello doctor");
            assertThat(message.getString("status")).isEqualTo("sent");
            String id = message.getString("_id");

            assertThat(doctor.ask("joinChat", chat).length()).isZero();
            doctor.emit("typing", new JSONObject().put("chatId", chat).put("isTyping", true));
            JSONObject typing = patient.next("typing");
            assertThat(typing.getString("chatId")).isEqualTo(chat);
            assertThat(typing.getString("userId")).isEqualTo("d1");
            assertThat(typing.getBoolean("isTyping")).isTrue();

            doctor.emit("messageDelivered", new JSONObject().put("messageId", id).put("chatId", chat));
            JSONObject delivered = patient.next("messageDelivered");
            assertThat(delivered.getString("chatId")).isEqualTo(chat);
            assertThat(delivered.getString("userId")).isEqualTo("d1");
            assertThat(delivered.getString("messageId")).isEqualTo(id);
            doctor.emit("messageRead", new JSONObject().put("messageId", id));
            JSONObject read = patient.next("messageReadBy");
            assertThat(read.getString("messageId")).isEqualTo(id);
            assertThat(read.getString("readAt")).endsWith("Z");

            doctor.emit("setOnlineStatus", new JSONObject().put("status", "busy"));
            assertThat(patient.next("userStatusChanged").getString("status")).isEqualTo("busy");
            doctor.emit("setOnlineStatus", new JSONObject().put("isOnline", false));
            assertThat(patient.next("userStatusChanged").getString("status")).isEqualTo("away");
            assertThat(doctor.ask("leaveChat", chat).length()).isZero();
        }
    }

    @Test
    void foreign_and_bad_input_is_refused() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "error")) {
            patient.emit("joinChat", "c_notyours");
            assertThat(patient.next("error").getString("code")).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("joinChat", new JSONObject())).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("joinChat", "not an id!")).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("leaveChat", new JSONObject().put("chatId", "../x"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("typing", new JSONObject().put("chatId", "not an id!"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("typing", new JSONObject().put("chatId", "c_notyours").put("isTyping", true)))
                    .isEqualTo("NOT_FOUND");
            assertThat(patient.refused("messageRead", new JSONObject().put("messageId", "01NOSUCHMESSAGE"))).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("messageDelivered", new JSONObject().put("chatId", "c_x"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("setOnlineStatus", new JSONObject().put("status", "busy").put("isOnline", true)))
                    .isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("setOnlineStatus", new JSONObject().put("status", "asleep"))).isEqualTo("BAD_REQUEST");
        }
    }
}
