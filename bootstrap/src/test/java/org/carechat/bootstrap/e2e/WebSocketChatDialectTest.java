package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.carechat.bootstrap.config.Option;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's front end ("WebSocket Chat System") against a server started with
 * {@code CHAT_SOCKETIO_DIALECT=websocket-chat}: its events, as its document writes them, through socket.io-client.
 */
class WebSocketChatDialectTest {
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(Map.of(Option.SOCKETIO_DIALECT, "websocket-chat"), null);
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void a_patient_and_her_doctor_talk_as_the_seed_front_end_does() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "message_sent", "typing_start", "typing_stopped", "messages_read",
                "user_status_change");
             SeedClient doctor = new SeedClient(test, "d1", "new_message", "typing_start", "typing_stopped")) {
            patient.emit("send_message", new JSONObject().put("receiverId", "d1").put("content", "Hello doctor!")
                    .put("messageType", "text").put("fileUrl", JSONObject.NULL).put("fileName", JSONObject.NULL));
            JSONObject sent = patient.next("message_sent").getJSONObject("message");
            assertThat(sent.getString("sender")).isEqualTo("p1");
            assertThat(sent.getString("receiver")).isEqualTo("d1");
            assertThat(sent.getString("content")).isEqualTo("Hello doctor!");
            assertThat(sent.getString("messageType")).isEqualTo("text");
            assertThat(sent.isNull("fileUrl")).isTrue();
            assertThat(sent.isNull("fileName")).isTrue();
            assertThat(sent.getBoolean("isRead")).isFalse();
            assertThat(sent.getString("createdAt")).endsWith("Z");
            assertThat(sent.getLong("seq")).isEqualTo(1);

            JSONObject received = doctor.next("new_message").getJSONObject("message");
            assertThat(received.getString("_id")).isEqualTo(sent.getString("_id"));
            assertThat(received.getString("sender")).isEqualTo("p1");
            assertThat(received.getString("receiver")).isEqualTo("d1");
            assertThat(received.getString("content")).isEqualTo("Hello doctor!");
            assertThat(SeedClient.fields(received)).contains("_id", "sender", "receiver", "content", "messageType", "fileUrl",
                    "fileName", "isRead", "createdAt");

            doctor.emit("typing_start", new JSONObject().put("receiverId", "p1"));
            assertThat(patient.next("typing_start").getString("userId")).isEqualTo("d1");
            doctor.emit("typing_stop", new JSONObject().put("receiverId", "p1"));
            assertThat(patient.next("typing_stopped").getString("userId")).isEqualTo("d1");

            doctor.emit("mark_read", new JSONObject().put("senderId", "p1"));
            assertThat(patient.next("messages_read").getString("userId")).isEqualTo("d1");

            JSONObject online = patient.next("user_status_change");
            assertThat(online.getString("userId")).isEqualTo("d1");
            assertThat(online.getBoolean("isOnline")).isTrue();
            doctor.emit("set_status", new JSONObject().put("status", "busy"));
            JSONObject status = patient.next("user_status_change");
            assertThat(status.getString("userId")).isEqualTo("d1");
            assertThat(status.getBoolean("isOnline")).isTrue();
            assertThat(status.getString("status")).isEqualTo("busy");

            // the doctor's reply: the patient is its receiver
            JSONObject reply = doctor.ask("send_message", new JSONObject().put("receiverId", "p1").put("content", "Hello Pat"))
                    .getJSONObject("message");
            assertThat(reply.getString("sender")).isEqualTo("d1");
            assertThat(reply.getString("receiver")).isEqualTo("p1");
        }
    }

    @Test
    void the_doctor_reply_and_the_other_devices_of_the_sender_name_the_right_receiver() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "new_message");
             SeedClient patientTablet = new SeedClient(test, "p1", "new_message");
             SeedClient doctor = new SeedClient(test, "d1", "new_message")) {
            JSONObject sent = doctor.ask("send_message", new JSONObject().put("receiverId", "p1").put("content", "Results are in"));
            assertThat(sent.getJSONObject("message").getString("receiver")).isEqualTo("p1");
            JSONObject got = patient.next("new_message").getJSONObject("message");
            assertThat(got.getString("sender")).isEqualTo("d1");
            assertThat(got.getString("receiver")).isEqualTo("p1");
            patientTablet.next("new_message");

            // the patient answers from her phone: her tablet, which never wrote to the doctor, still shows the doctor
            // as the receiver of her own message
            patient.ask("send_message", new JSONObject().put("receiverId", "d1").put("content", "Thanks"));
            JSONObject own = patientTablet.next("new_message").getJSONObject("message");
            assertThat(own.getString("sender")).isEqualTo("p1");
            assertThat(own.getString("receiver")).isEqualTo("d1");
            assertThat(doctor.next("new_message").getJSONObject("message").getString("content")).isEqualTo("Thanks");
        }
    }

    @Test
    void a_file_is_sent_by_its_url_and_arrives_with_its_url_and_name() throws Exception {
        HttpResponse<String> uploaded = test.http.send(HttpRequest.newBuilder(test.http("/api/chat/attachments"))
                .header("Authorization", "Bearer " + test.token("p1")).header("Content-Type", "text/plain")
                .header("X-File-Name", "diary.txt").POST(HttpRequest.BodyPublishers.ofString("120/80 Monday\n",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String url = new JSONObject(uploaded.body()).getString("url");
        try (SeedClient patient = new SeedClient(test, "p1");
             SeedClient doctor = new SeedClient(test, "d1", "new_message")) {
            JSONObject sent = patient.ask("send_message", new JSONObject().put("receiverId", "d1").put("content", "my diary")
                    .put("messageType", "file").put("fileUrl", "http://127.0.0.1:" + test.server.port() + url)
                    .put("fileName", "diary.txt"));
            assertThat(sent.getJSONObject("message").getString("fileUrl")).isEqualTo(url);
            JSONObject got = doctor.next("new_message").getJSONObject("message");
            assertThat(got.getString("messageType")).isEqualTo("file");
            assertThat(got.getString("fileUrl")).isEqualTo(url);
            assertThat(got.getString("fileName")).isEqualTo("diary.txt");
            HttpResponse<String> download = test.get(got.getString("fileUrl"), "d1");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("120/80 Monday\n");
        }
    }

    @Test
    void bad_foreign_and_unauthorized_input_is_refused_with_the_seed_error_event() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "error", "message_sent");
             SeedClient stranger = new SeedClient(test, "p2", "new_message")) {
            // no care relationship with the other patient: the seed's error event, with CareChat's code
            patient.emit("send_message", new JSONObject().put("receiverId", "p2").put("content", "hi"));
            JSONObject error = patient.next("error");
            assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
            assertThat(error.getString("message")).isNotBlank();
            stranger.none("new_message", 300);

            assertThat(patient.refused("send_message", new JSONObject().put("content", "to nobody"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("send_message", new JSONObject().put("receiverId", "d1").put("content", "x")
                    .put("messageType", "video"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("send_message", new JSONObject().put("receiverId", "d1").put("content", "x")
                    .put("to", "d1"))).isEqualTo("BAD_REQUEST");
            assertThat(patient.refused("send_message", new JSONObject().put("receiverId", "d1").put("messageType", "file")
                    .put("fileUrl", "https://files.example.org/lab.pdf"))).isEqualTo("BAD_REQUEST");
            // a file of someone else's is not the patient's to send
            assertThat(patient.refused("send_message", new JSONObject().put("receiverId", "d1").put("messageType", "file")
                    .put("fileUrl", "/api/chat/attachments/a_notyours"))).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("send_message", new JSONObject().put("receiverId", "d1")
                    .put("content", "x".repeat(4001)))).isEqualTo("BAD_REQUEST");
            // reading a conversation that does not exist
            assertThat(patient.refused("mark_read", new JSONObject().put("senderId", "n1"))).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("mark_read", new JSONObject())).isEqualTo("BAD_REQUEST");
            // typing to someone the patient has no conversation with
            assertThat(patient.refused("typing_start", new JSONObject().put("receiverId", "p2"))).isEqualTo("NOT_FOUND");
            assertThat(patient.refused("set_status", new JSONObject().put("status", "asleep"))).isEqualTo("BAD_REQUEST");
            patient.none("message_sent", 100);
        }
    }

    @Test
    void carechat_events_the_seed_does_not_name_still_work_with_carechat_names() throws Exception {
        try (SeedClient patient = new SeedClient(test, "p1", "message_edited");
             SeedClient doctor = new SeedClient(test, "d1", "new_message", "message_edited", "sync_result")) {
            JSONObject sent = patient.ask("send_message", new JSONObject().put("receiverId", "d1").put("content", "typo"))
                    .getJSONObject("message");
            doctor.next("new_message");
            JSONObject edit = patient.ask("edit_message", new JSONObject().put("messageId", sent.getString("_id"))
                    .put("content", "fixed"));
            assertThat(edit.length()).isZero();
            assertThat(doctor.next("message_edited").getJSONObject("message").getString("content")).isEqualTo("fixed");
            JSONObject sync = doctor.ask("sync", new JSONObject().put("conversationId", sent.getString("conversationId"))
                    .put("afterSeq", 0));
            assertThat(sync.getJSONArray("messages").length()).isEqualTo(1);
        }
    }
}
