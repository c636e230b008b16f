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
 * Seed 004's front end ("MommyCare Chat Backend") against a server started with
 * {@code CHAT_SOCKETIO_DIALECT=mommycare}: rooms, receipts by message, typing, availability, reactions, edits,
 * deletes, mute and pin, voice and video calls, with its event names, through socket.io-client.
 */
class MommyCareDialectTest {
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(Map.of(Option.SOCKETIO_DIALECT, "004"), null);
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void messages_receipts_typing_reactions_edits_and_deletes_with_the_seed_names() throws Exception {
        try (SeedClient mom = new SeedClient(test, "p1", "message_status_update", "typing_indicator",
                "message_reaction_updated", "new_message");
             SeedClient doctor = new SeedClient(test, "d1", "new_message", "message_reaction_updated", "message_edited",
                     "message_deleted", "typing_indicator")) {
            assertThat(mom.ask("join", "p1").length()).isZero();
            JSONObject sent = mom.ask("send_message", new JSONObject().put("recipientId", "d1")
                    .put("content", "Is this swelling normal?").put("messageType", "text"));
            String conversation = sent.getString("conversationId");
            JSONObject message = sent.getJSONObject("message");
            assertThat(message.getString("sender")).isEqualTo("p1");
            assertThat(message.getString("recipient")).isEqualTo("d1");
            assertThat(message.getString("messageType")).isEqualTo("text");
            assertThat(message.isNull("file")).isTrue();
            assertThat(message.getString("status")).isEqualTo("sent");
            assertThat(message.getJSONArray("reactions").length()).isZero();
            assertThat(message.getBoolean("isEdited")).isFalse();
            assertThat(message.getBoolean("isDeleted")).isFalse();
            String id = message.getString("_id");

            assertThat(doctor.ask("join_conversation", new JSONObject().put("conversationId", conversation)).length()).isZero();
            JSONObject received = doctor.next("new_message");
            assertThat(received.getString("conversationId")).isEqualTo(conversation);
            assertThat(received.getJSONObject("message").getString("_id")).isEqualTo(id);
            assertThat(received.getJSONObject("message").getString("recipient")).isEqualTo("d1");

            doctor.emit("message_delivered", new JSONObject().put("messageId", id).put("conversationId", conversation));
            JSONObject delivered = mom.next("message_status_update");
            assertThat(delivered.getString("messageId")).isEqualTo(id);
            assertThat(delivered.getString("status")).isEqualTo("delivered");
            assertThat(delivered.getString("userId")).isEqualTo("d1");
            assertThat(delivered.getString("conversationId")).isEqualTo(conversation);
            doctor.emit("message_read", new JSONObject().put("messageId", id));
            JSONObject read = mom.next("message_status_update");
            assertThat(read.getString("status")).isEqualTo("read");
            assertThat(read.getString("messageId")).isEqualTo(id);

            doctor.emit("typing_start", new JSONObject().put("conversationId", conversation));
            JSONObject typing = mom.next("typing_indicator");
            assertThat(typing.getString("userId")).isEqualTo("d1");
            assertThat(typing.getBoolean("isTyping")).isTrue();
            doctor.emit("typing_stop", new JSONObject().put("recipientId", "p1"));
            assertThat(mom.next("typing_indicator").getBoolean("isTyping")).isFalse();

            doctor.emit("message_reaction_added", new JSONObject().put("messageId", id).put("emoji", "👍"));
            JSONArray reactions = mom.next("message_reaction_updated").getJSONArray("reactions");
            assertThat(reactions.length()).isEqualTo(1);
            assertThat(reactions.getJSONObject(0).getString("user")).isEqualTo("d1");
            assertThat(reactions.getJSONObject(0).getString("emoji")).isEqualTo("👍");
            doctor.emit("message_reaction_removed", new JSONObject().put("messageId", id).put("emoji", "👍"));
            assertThat(mom.next("message_reaction_updated").getJSONArray("reactions").length()).isZero();

            mom.emit("message_edited", new JSONObject().put("messageId", id).put("content", "Is this swelling normal at 30 weeks?"));
            JSONObject edited = doctor.next("message_edited").getJSONObject("message");
            assertThat(edited.getString("content")).isEqualTo("Is this swelling normal at 30 weeks?");
            assertThat(edited.getBoolean("isEdited")).isTrue();

            mom.emit("message_deleted", new JSONObject().put("messageId", id));
            JSONObject deleted = doctor.next("message_deleted");
            assertThat(deleted.getString("messageId")).isEqualTo(id);
            assertThat(deleted.getString("conversationId")).isEqualTo(conversation);
        }
    }

    @Test
    void mute_and_pin_toggle_and_say_so() throws Exception {
        try (SeedClient mom = new SeedClient(test, "p1")) {
            String conversation = mom.ask("send_message", new JSONObject().put("recipientId", "d1").put("content", "hi"))
                    .getString("conversationId");
            JSONObject muted = mom.ask("chat_mute_toggled", new JSONObject().put("conversationId", conversation));
            assertThat(muted.getString("conversationId")).isEqualTo(conversation);
            assertThat(muted.getBoolean("isMuted")).isTrue();
            assertThat(mom.ask("chat_mute_toggled", new JSONObject().put("conversationId", conversation))
                    .getBoolean("isMuted")).isFalse();
            assertThat(mom.ask("chat_pin_toggled", new JSONObject().put("conversationId", conversation))
                    .getBoolean("isPinned")).isTrue();
            assertThat(mom.ask("chat_pin_toggled", new JSONObject().put("conversationId", conversation).put("isPinned", true))
                    .getBoolean("isPinned")).isTrue();
            JSONObject seen = new JSONObject(test.get("/api/chat/conversations/" + conversation, "p1").body());
            assertThat(seen.getBoolean("pinned")).isTrue();
            assertThat(seen.getBoolean("muted")).isFalse();
        }
    }

    @Test
    void availability_and_presence_arrive_as_both_seed_events() throws Exception {
        try (SeedClient mom = new SeedClient(test, "p1", "user_status_change", "user_availability_change");
             SeedClient doctor = new SeedClient(test, "d1")) {
            assertThat(mom.next("user_status_change").getBoolean("isOnline")).isTrue();
            assertThat(mom.next("user_availability_change").getString("availability")).isEqualTo("available");
            doctor.emit("update_availability", new JSONObject().put("availability", "busy"));
            assertThat(mom.next("user_status_change").getString("status")).isEqualTo("busy");
            JSONObject busy = mom.next("user_availability_change");
            assertThat(busy.getString("userId")).isEqualTo("d1");
            assertThat(busy.getString("availability")).isEqualTo("busy");
            doctor.emit("user_away", null);
            assertThat(mom.next("user_availability_change").getString("availability")).isEqualTo("away");
            mom.next("user_status_change");
            doctor.emit("user_back", null);
            assertThat(mom.next("user_availability_change").getString("availability")).isEqualTo("available");
            mom.next("user_status_change");

            // leave: the server disconnects the socket, and the doctor goes offline for her
            assertThat(doctor.ask("leave", null).length()).isZero();
            assertThat(doctor.disconnected()).isEqualTo("io server disconnect");
            JSONObject offline = mom.next("user_status_change");
            assertThat(offline.getString("userId")).isEqualTo("d1");
            assertThat(offline.getBoolean("isOnline")).isFalse();
        }
    }

    @Test
    void voice_and_video_calls_ring_are_answered_and_end() throws Exception {
        try (SeedClient mom = new SeedClient(test, "p1", "call_accepted", "call_ended", "call_rejected");
             SeedClient doctor = new SeedClient(test, "d1", "incoming_voice_call", "incoming_video_call", "call_ended")) {
            JSONObject requested = mom.ask("voice_call_request", new JSONObject().put("recipientId", "d1"));
            String callId = requested.getString("callId");
            JSONObject ringing = doctor.next("incoming_voice_call");
            assertThat(ringing.getString("callId")).isEqualTo(callId);
            assertThat(ringing.getString("from")).isEqualTo("p1");
            assertThat(ringing.getString("media")).isEqualTo("audio");
            doctor.emit("call_accepted", new JSONObject().put("callId", callId));
            JSONObject accepted = mom.next("call_accepted");
            assertThat(accepted.getString("callId")).isEqualTo(callId);
            assertThat(accepted.getString("by")).isEqualTo("d1");
            mom.emit("call_ended", new JSONObject().put("callId", callId));
            assertThat(doctor.next("call_ended").getString("callId")).isEqualTo(callId);

            JSONObject video = mom.ask("video_call_request", new JSONObject().put("conversationId", requested.getString("conversationId")));
            assertThat(doctor.next("incoming_video_call").getString("media")).isEqualTo("video");
            doctor.emit("call_rejected", new JSONObject().put("callId", video.getString("callId")).put("reason", "in clinic"));
            JSONObject rejected = mom.next("call_rejected");
            assertThat(rejected.getString("by")).isEqualTo("d1");
            assertThat(rejected.getString("reason")).isEqualTo("in clinic");
        }
    }

    @Test
    void bad_foreign_and_unauthorized_input_is_refused() throws Exception {
        String theirs;
        try (SeedClient other = new SeedClient(test, "p2")) {
            theirs = other.ask("send_message", new JSONObject().put("recipientId", "d1").put("content", "mine"))
                    .getJSONObject("message").getString("_id");
        }
        try (SeedClient mom = new SeedClient(test, "p1", "error")) {
            assertThat(mom.refused("join", "d1")).isEqualTo("UNAUTHORIZED");
            assertThat(mom.refused("join", 42)).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("join_conversation", new JSONObject().put("conversationId", "c_notyours"))).isEqualTo("NOT_FOUND");
            assertThat(mom.refused("join_conversation", "not an id!")).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("chat_mute_toggled", new JSONObject().put("conversationId", "not an id!"))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("chat_pin_toggled", new JSONObject().put("conversationId", 12))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("message_delivered", new JSONObject().put("conversationId", "c_x"))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("user_away", new JSONObject().put("status", "busy"))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("leave", "d1")).isEqualTo("UNAUTHORIZED");
            // another patient's message: it does not exist for her
            assertThat(mom.refused("message_read", new JSONObject().put("messageId", theirs))).isEqualTo("NOT_FOUND");
            assertThat(mom.refused("message_delivered", new JSONObject().put("messageId", theirs))).isEqualTo("NOT_FOUND");
            assertThat(mom.refused("message_reaction_added", new JSONObject().put("messageId", theirs).put("emoji", "👍")))
                    .isEqualTo("NOT_FOUND");
            assertThat(mom.refused("message_edited", new JSONObject().put("messageId", theirs).put("content", "x")))
                    .isEqualTo("NOT_FOUND");
            assertThat(mom.refused("send_message", new JSONObject().put("recipientId", "p2").put("content", "hi")))
                    .isEqualTo("FORBIDDEN");
            assertThat(mom.refused("send_message", new JSONObject().put("recipientId", "d1").put("conversationId", "c_x")
                    .put("content", "hi"))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("send_message", new JSONObject().put("recipientId", "d1").put("content", "hi")
                    .put("file", new JSONObject().put("path", "/uploads/chat/images/file.jpg")))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("update_availability", new JSONObject().put("availability", "asleep"))).isEqualTo("BAD_REQUEST");
            assertThat(mom.refused("chat_mute_toggled", new JSONObject().put("conversationId", "c_notyours"))).isEqualTo("NOT_FOUND");
            assertThat(mom.refused("voice_call_request", new JSONObject().put("recipientId", "p2"))).isEqualTo("FORBIDDEN");
            assertThat(mom.refused("call_accepted", new JSONObject().put("callId", "call_nope"))).isEqualTo("NOT_FOUND");
            // without an ack: the error event
            mom.emit("message_read", new JSONObject().put("messageId", theirs));
            assertThat(mom.next("error").getString("code")).isEqualTo("NOT_FOUND");
        }
    }
}
