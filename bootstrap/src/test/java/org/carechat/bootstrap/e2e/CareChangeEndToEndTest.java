package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator revoking or re-opening a care relationship over REST: the two people's open sockets are
 * told at once that their conversation became read-only, or writable again, so no client offers a composer
 * that only gets FORBIDDEN.
 */
class CareChangeEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start();
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void revoking_over_rest_tells_both_sockets_the_conversation_is_read_only_and_reopening_that_it_is_not()
            throws Exception {
        try (WsClient patient = test.connect("p1"); WsClient doctorLaptop = test.connect("d1");
             WsClient doctorTablet = test.connect("d1"); WsClient otherPatient = test.connect("p2")) {
            patient.send("{\"event\":\"send_message\",\"id\":\"m1\",\"data\":{\"to\":\"d1\",\"content\":\"Hello doctor\"}}");
            String conversation = patient.awaitReply("m1").path("data").path("message").path("conversationId").asString();
            for (WsClient doctor : List.of(doctorLaptop, doctorTablet)) {
                doctor.awaitEvent("new_message");
            }

            HttpResponse<String> revoked = test.send("DELETE",
                    "/api/admin/care-relationships?patientId=p1&clinicianId=d1", "admin", null);
            assertThat(revoked.statusCode()).isEqualTo(200);

            JsonNode atPatient = updateOf(patient, conversation);
            assertThat(atPatient.path("canSend").asBoolean(true)).isFalse();
            assertThat(atPatient.path("unreadCount").asLong()).as("the patient's own view").isZero();
            for (WsClient doctor : List.of(doctorLaptop, doctorTablet)) {
                JsonNode atDoctor = updateOf(doctor, conversation);
                assertThat(atDoctor.path("canSend").asBoolean(true)).isFalse();
                assertThat(atDoctor.path("unreadCount").asLong()).as("the doctor's own view").isEqualTo(1);
            }
            assertThat(otherPatient.receivesNothingLike(frame -> "conversation_updated".equals(frame.path("event").asString()),
                    Duration.ofMillis(300))).isTrue();
            patient.send("{\"event\":\"send_message\",\"id\":\"m2\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"Still there?\"}}");
            assertThat(patient.awaitReply("m2").path("data").path("code").asString()).isEqualTo("FORBIDDEN");

            HttpResponse<String> reopened = test.send("PUT", "/api/admin/care-relationships", "admin",
                    "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}");
            assertThat(reopened.statusCode()).isEqualTo(200);

            for (WsClient side : List.of(patient, doctorLaptop, doctorTablet)) {
                assertThat(updateOf(side, conversation).path("canSend").asBoolean(false)).isTrue();
            }
        }
    }

    /** The next {@code conversation_updated} of {@code conversation} the socket receives: the Conversation it carries. */
    private static JsonNode updateOf(WsClient socket, String conversation) throws InterruptedException {
        return socket.await(frame -> "conversation_updated".equals(frame.path("event").asString())
                && conversation.equals(frame.path("data").path("conversation").path("id").asString()))
                .path("data").path("conversation");
    }
}
