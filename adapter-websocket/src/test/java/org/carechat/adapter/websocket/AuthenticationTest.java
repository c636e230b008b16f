package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.carechat.application.port.fake.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthenticationTest {
    private ChatServer server;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The HTTP status the server answered an upgrade with, when it refused it. */
    private int refusedStatus(URI uri, String... headers) {
        Throwable failure = catchThrowable(() -> TestClient.attempt(uri, headers).get(10, TimeUnit.SECONDS));
        assertThat(failure).as("the upgrade should have been refused").isNotNull();
        Throwable cause = failure.getCause() instanceof CompletionException ? failure.getCause().getCause() : failure.getCause();
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private Instant in(Duration duration) {
        return server.time.instant().plus(duration);
    }

    @Test
    void an_upgrade_without_a_valid_token_is_refused_with_401_and_opens_nothing() {
        String expired = TestTokens.token("p1", "patient", server.time.instant().minusSeconds(1));

        assertThat(refusedStatus(server.uri())).isEqualTo(401);
        assertThat(refusedStatus(server.uri(), "Authorization", "Bearer forged")).isEqualTo(401);
        assertThat(refusedStatus(server.uri(), "Authorization", "Bearer " + expired)).isEqualTo(401);
        assertThat(refusedStatus(server.uri(), "Authorization", "Basic cDE6c2VjcmV0")).isEqualTo(401);
        assertThat(refusedStatus(URI.create(server.uri() + "?access_token=forged"))).isEqualTo(401);
        assertThat(server.registry.connectionCount()).isZero();
    }

    @Test
    void a_browser_may_pass_its_token_in_the_access_token_query_parameter() {
        TestClient browser = TestClient.connectWithQueryToken(server.uri(), server.token("p1", "patient"),
                "Origin", "https://app.example.org");
        browser.assertNothingElseArrives();
        TestClient doctor = server.connect("d1", "doctor");
        browser.await("user_status_change");

        browser.request("send_message", Map.of("to", "d1", "content", "from the browser"), "message_sent");

        assertThat(doctor.await("new_message").get("message").get("senderId").stringValue()).isEqualTo("p1");
        browser.close();
    }

    @Test
    void a_page_of_a_foreign_origin_is_refused_with_403_while_listed_own_and_native_clients_connect() {
        String token = "Bearer " + server.token("p1", "patient");

        assertThat(refusedStatus(server.uri(), "Authorization", token, "Origin", "https://evil.example.com")).isEqualTo(403);
        assertThat(refusedStatus(server.uri(), "Authorization", token, "Origin", "null")).isEqualTo(403);
        assertThat(refusedStatus(server.uri(), "Authorization", token, "Origin", "http://app.example.org")).isEqualTo(403);

        TestClient listed = TestClient.connect(server.uri(), server.token("p1", "patient"), "Origin", "https://APP.example.org:443");
        TestClient own = TestClient.connect(server.uri(), server.token("p1", "patient"), "Origin", "http://127.0.0.1:" + server.port());
        TestClient nativeApp = TestClient.connect(server.uri(), server.token("p1", "patient"));
        for (TestClient client : new TestClient[] {listed, own, nativeApp}) {
            client.assertNothingElseArrives();
            client.close();
        }
    }

    @Test
    void a_socket_is_closed_with_4401_when_its_token_expires() {
        TestClient patient = server.connectWith(TestTokens.token("p1", "patient", in(Duration.ofMinutes(5))));

        server.time.advance(Duration.ofMinutes(5));

        TestClient.Closed closed = patient.awaitClose();
        assertThat(closed.code()).isEqualTo(4401);
        assertThat(closed.reason()).isEqualTo("token expired");
        server.awaitConnections(0);
    }

    @Test
    void a_fresh_token_of_the_same_user_postpones_the_expiry_close() {
        TestClient patient = server.connectWith(TestTokens.token("p1", "patient", in(Duration.ofMinutes(5))));
        TestClient doctor = server.connect("d1", "doctor");

        patient.request("auth", Map.of("token", TestTokens.token("p1", "patient", in(Duration.ofHours(1)))), "ack");
        server.time.advance(Duration.ofMinutes(10));

        patient.request("send_message", Map.of("to", "d1", "content", "still here"), "message_sent");
        assertThat(doctor.await("new_message").get("message").get("content").stringValue()).isEqualTo("still here");
        server.time.advance(Duration.ofMinutes(51));
        assertThat(patient.awaitClose().code()).isEqualTo(4401);
    }

    @Test
    void auth_with_another_users_or_an_invalid_token_is_unauthorized_and_the_socket_keeps_its_identity() {
        TestClient patient = server.connectWith(TestTokens.token("p1", "patient", in(Duration.ofMinutes(5))));
        TestClient doctor = server.connect("d1", "doctor");

        patient.requestError("auth", Map.of("token", server.token("d1", "doctor")), "UNAUTHORIZED");
        JsonNode invalid = patient.requestError("auth", Map.of("token", "forged"), "UNAUTHORIZED");
        patient.requestError("auth", Map.of(), "BAD_REQUEST");
        JsonNode sent = patient.request("send_message", Map.of("to", "d1", "content", "who am I?"), "message_sent");

        assertThat(invalid.get("message").stringValue()).doesNotContain("forged");
        assertThat(sent.get("message").get("senderId").stringValue()).isEqualTo("p1");
        doctor.await("new_message");
        server.time.advance(Duration.ofMinutes(5));
        assertThat(patient.awaitClose().code()).isEqualTo(4401);
    }

    @Test
    void the_sender_is_always_the_tokens_subject_never_a_field_of_the_data() {
        TestClient patient = server.connect("p1", "patient");

        JsonNode error = patient.requestError("send_message", Map.of("to", "d1", "content", "hi", "senderId", "d1"), "BAD_REQUEST");

        assertThat(error.get("message").stringValue()).contains("senderId", "server");
    }

    @Test
    void an_upgrade_while_the_directory_does_not_answer_is_refused_with_503_not_401() throws Exception {
        org.carechat.adapter.inmemory.InMemoryDirectory directory = new org.carechat.adapter.inmemory.InMemoryDirectory();
        org.carechat.application.port.DirectoryStore failing = new org.carechat.application.port.DirectoryStore() {
            @Override
            public java.util.Optional<org.carechat.domain.user.User> find(org.carechat.domain.user.UserId id) {
                if (id.value().equals("d_down")) {
                    throw new org.carechat.application.port.StoreUnavailableException("the directory timed out", null);
                }
                return directory.find(id);
            }

            @Override
            public void save(org.carechat.domain.user.User user) {
                directory.save(user);
            }
        };
        try (ChatServer down = ChatServer.start(WebSocketSettings.standard(),
                org.carechat.application.ChatSettings.standard(), failing, listener -> { })) {
            try (RawSocket refused = RawSocket.open(down.port(), "/ws", "Authorization: Bearer " + down.token("d_down", "doctor"))) {
                assertThat(refused.status()).as("the token may be fine: the client must not throw it away").isEqualTo(503);
                assertThat(refused.header("WWW-Authenticate")).isNull();
            }
        }
    }
}
