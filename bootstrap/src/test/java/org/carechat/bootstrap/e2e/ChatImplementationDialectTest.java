package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carechat.bootstrap.config.Option;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's front end ("WebSocket Chat Implementation") against a server started with
 * {@code CHAT_SOCKETIO_DIALECT=chat-implementation}: {@code setUserId}, {@code sendMessage}, {@code typing},
 * {@code getChatHistory}, {@code messageRead}, and the bare messages of {@code receiveMessage} / {@code messageSent}.
 */
class ChatImplementationDialectTest {
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(Map.of(Option.SOCKETIO_DIALECT, "chat-implementation"), null);
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void the_seed_front_end_sends_receives_types_and_reads() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "messageSent", "userTyping", "userOnline", "messages_read");
             SeedClient doctor = new SeedClient(test, "d1", "receiveMessage", "userTyping")) {
            patient.emit("setUserId", "p1");
            JSONObject online = patient.next("userOnline");
            assertThat(online.getString("userId")).isEqualTo("d1");
            assertThat(online.getBoolean("isOnline")).isTrue();

            patient.emit("sendMessage", new JSONObject().put("senderId", "p1").put("receiverId", "d1").put("text", "Hello!"));
            JSONObject sent = patient.next("messageSent");
            assertThat(sent.getString("senderId")).isEqualTo("p1");
            assertThat(sent.getString("receiverId")).isEqualTo("d1");
            assertThat(sent.getString("text")).isEqualTo("Hello!");
            assertThat(sent.isNull("file")).isTrue();
            assertThat(sent.getString("createdAt")).endsWith("Z");
            JSONObject received = doctor.next("receiveMessage");
            assertThat(received.getString("_id")).isEqualTo(sent.getString("_id"));
            assertThat(received.getString("senderId")).isEqualTo("p1");
            assertThat(received.getString("receiverId")).isEqualTo("d1");
            assertThat(received.getString("text")).isEqualTo("Hello!");

            patient.emit("typing", new JSONObject().put("receiverId", "d1").put("isTyping", true));
            JSONObject typing = doctor.next("userTyping");
            assertThat(typing.getString("userId")).isEqualTo("p1");
            assertThat(typing.getBoolean("isTyping")).isTrue();
            patient.emit("typing", new JSONObject().put("receiverId", "d1").put("isTyping", false));
            assertThat(doctor.next("userTyping").getBoolean("isTyping")).isFalse();

            doctor.emit("messageRead", new JSONObject().put("messageId", received.getString("_id")));
            JSONObject read = patient.next("messages_read");
            assertThat(read.getString("userId")).isEqualTo("d1");
            assertThat(read.getLong("upToSeq")).isEqualTo(1);
        }
    }

    @Test
    void chat_history_pages_back_from_the_newest_with_limit_and_skip() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "chatHistory");
             SeedClient doctor = new SeedClient(test, "d1")) {
            patient.emit("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "d1"));
            assertThat(patient.nextArray("chatHistory").length()).as("no conversation yet").isZero();
            for (int i = 1; i <= 5; i++) {
                SeedClient from = i % 2 == 0 ? doctor : patient;
                from.ask("sendMessage", new JSONObject().put("receiverId", i % 2 == 0 ? "p1" : "d1").put("text", "m" + i));
            }
            patient.emit("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "d1").put("limit", 2));
            JSONArray newest = patient.nextArray("chatHistory");
            assertThat(texts(newest)).containsExactly("m4", "m5");
            assertThat(newest.getJSONObject(0).getString("senderId")).isEqualTo("d1");
            assertThat(newest.getJSONObject(0).getString("receiverId")).isEqualTo("p1");
            JSONArray before = (JSONArray) patient.call("getChatHistory", new JSONObject().put("userId1", "d1")
                    .put("userId2", "p1").put("limit", 2).put("skip", 2));
            assertThat(texts(before)).containsExactly("m2", "m3");
            JSONArray rest = (JSONArray) patient.call("getChatHistory", new JSONObject().put("userId1", "p1")
                    .put("userId2", "d1").put("limit", 50).put("skip", 4));
            assertThat(texts(rest)).containsExactly("m1");
            JSONArray past = (JSONArray) patient.call("getChatHistory", new JSONObject().put("userId1", "p1")
                    .put("userId2", "d1").put("skip", 5));
            assertThat(past.length()).isZero();
        }
    }

    @Test
    void a_client_may_only_say_it_is_its_token_user_and_bad_input_is_refused() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "messageError", "error", "messageSent")) {
            assertThat(patient.refused("setUserId", "d1")).isEqualTo("UNAUTHORIZED");
            patient.emit("sendMessage", new JSONObject().put("senderId", "d1").put("receiverId", "p1").put("text", "I am the doctor"));
            JSONObject impersonation = patient.next("messageError");
            assertThat(impersonation.getString("code")).isEqualTo("UNAUTHORIZED");
            assertThat(impersonation.getString("error")).contains("another user");
            patient.emit("sendMessage", new JSONObject().put("senderId", "p1").put("receiverId", "p2").put("text", "hi"));
            assertThat(patient.next("messageError").getString("code")).isEqualTo("FORBIDDEN");
            patient.emit("sendMessage", new JSONObject().put("receiverId", "d1").put("text", "x").put("file",
                    new JSONObject().put("url", "https://cdn.example.org/x.png").put("type", "image")));
            assertThat(patient.next("messageError").getString("code")).isEqualTo("BAD_REQUEST");
            patient.none("messageSent", 100);

            // another pair's history does not exist for her
            patient.emit("getChatHistory", new JSONObject().put("userId1", "p2").put("userId2", "d1"));
            assertThat(patient.next("error").getString("code")).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "p1")))
                    .isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "not an id!")))
                    .isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "d1")
                    .put("skip", -1))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("getChatHistory", new JSONObject().put("userId1", "p1").put("userId2", "d1")
                    .put("limit", 0))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("messageRead", new JSONObject().put("messageId", "01NOSUCHMESSAGE"))).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("typing", new JSONObject().put("receiverId", "d1").put("isTyping", "yes")))
                    .isEqualTo("BAD_REQUEST");
        }
    }

    private static java.util.List<String> texts(JSONArray messages) throws Exception {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < messages.length(); i++) {
            texts.add(messages.getJSONObject(i).getString("text"));
        }
        return texts;
    }
}
