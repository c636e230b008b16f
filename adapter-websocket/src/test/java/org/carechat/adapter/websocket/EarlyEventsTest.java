package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.carechat.application.Actor;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A socket is registered for delivery before its 101 goes out: nothing sent to it after that is lost. */
class EarlyEventsTest {
    private static final int ROUNDS = 200;

    private ChatServer server;

    @BeforeEach
    void start() {
        // 200 upgrades of one user while the test clock stands still: far past a real budget, which is not tested here
        server = ChatServer.start(WebSocketSettings.standard(), ChatServer.LIFTED_BUDGETS, listener -> { })
                .user("p1", "patient").user("d1", "doctor").care("p1", "d1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_message_sent_the_moment_a_socket_has_opened_reaches_it_in_every_round() {
        Actor patient = Actor.of(UserId.of("p1"), Role.PATIENT);

        for (int round = 0; round < ROUNDS; round++) {
            // returns as soon as the 101 arrived; no frame is awaited before the other side sends
            TestClient doctor = TestClient.connect(server.uri(), server.token("d1", "doctor"));
            String text = "round " + round;
            server.core.sendMessage().send(new SendMessage(patient, null, UserId.of("d1"), null, text, null, null, null)).orThrow();

            String delivered;
            try {
                delivered = doctor.await("new_message").get("message").get("content").stringValue();
            } catch (AssertionError lost) {
                throw new AssertionError("round " + round + " of " + ROUNDS + ": " + lost.getMessage(), lost);
            }
            assertThat(delivered).isEqualTo(text);
            doctor.close();
            server.awaitConnections(0);
        }
    }
}
