package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.carechat.domain.call.CallId;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Text that is not well-formed Unicode (a lone UTF-16 surrogate, a valid JSON escape) cannot be encoded as
 * UTF-8: Tyrus's {@code TextFrame} then throws a {@link java.lang.Error} out of {@code sendText}. Whatever
 * the core lets through, no such frame may silence a socket, skip other recipients or lose a reply.
 */
class UnencodableTextTest {
    private static final String LONE_SURROGATE = "hi \ud800";

    private ChatServer server;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_frame_that_tyrus_cannot_encode_is_skipped_and_the_same_socket_still_receives_the_next_one() {
        TestClient doctor = server.connect("d1", "doctor");
        Outbox socket = server.registry.socketsOf(UserId.of("d1")).get(0);

        // pushed as it is, past the adapter's encoding: this is the frame Tyrus fails on
        socket.offer("{\"event\":\"call_rejected\",\"data\":{\"reason\":\"" + LONE_SURROGATE + "\"}}");
        socket.offer("{\"event\":\"after\",\"data\":{}}");

        assertThat(doctor.next().get("event").stringValue()).isEqualTo("after");
        doctor.assertNothingElseArrives();
        assertThat(doctor.isClosed()).isFalse();
    }

    @Test
    void an_event_holding_a_lone_surrogate_reaches_every_recipient_and_so_do_the_events_after_it() {
        TestClient patientPhone = server.connect("p1", "patient");
        TestClient patientTablet = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patientPhone.await("user_status_change");
        patientTablet.await("user_status_change");
        List<UserId> both = List.of(UserId.of("p1"), UserId.of("d1"));

        server.registry.notify(both, new ChatEvent.CallRejected(CallId.of("call_1"), UserId.of("d1"), LONE_SURROGATE), null);
        server.registry.notify(both, new ChatEvent.MessageDeleted(ConversationId.of("c_1"), MessageId.of("m1")), null);

        for (TestClient client : List.of(patientPhone, patientTablet, doctor)) {
            // escaped on the wire (\ud800), so the client reads back exactly the text that was published
            assertThat(client.await("call_rejected").get("reason").stringValue()).isEqualTo(LONE_SURROGATE);
            assertThat(client.await("message_deleted").get("messageId").stringValue()).isEqualTo("m1");
            client.assertNothingElseArrives();
        }
    }

    @Test
    void a_reply_that_echoes_an_id_holding_a_lone_surrogate_reaches_its_sender_and_the_socket_goes_on() {
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patient.await("user_status_change");

        patient.sendRaw("{\"event\":\"auth\",\"id\":\"\\ud800\",\"data\":{\"token\":\"" + patient.token + "\"}}");

        JsonNode reply = patient.reply("\ud800");
        assertThat(reply.get("event").stringValue()).isEqualTo("ack");
        patient.request("send_message", Map.of("to", "d1", "content", "still heard"), "message_sent");
        assertThat(doctor.await("new_message").get("message").get("content").stringValue()).isEqualTo("still heard");
    }
}
