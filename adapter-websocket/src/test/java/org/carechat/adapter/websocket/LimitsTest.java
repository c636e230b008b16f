package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.carechat.application.Actor;
import org.carechat.application.messaging.SendMessageUseCase.SendMessage;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LimitsTest {
    private ChatServer server;

    private ChatServer server(WebSocketSettings settings) {
        return server(ChatServer.start(settings));
    }

    private ChatServer server(ChatServer started) {
        server = started.user("p1", "patient").user("d1", "doctor").user("d2", "doctor")
                .care("p1", "d1").care("p1", "d2");
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void frames_beyond_the_burst_are_refused_with_rate_limited_and_retry_after_and_are_not_processed() {
        server(WebSocketSettings.standard());
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        // the upgrade spent one request of the burst of 40, and connect() one frame on its barrier
        for (int i = 0; i < 38; i++) {
            patient.request("auth", Map.of("token", patient.token), "ack");
        }

        JsonNode limited = patient.requestError("send_message", Map.of("to", "d1", "content", "one too many"), "RATE_LIMITED");
        server.time.advance(Duration.ofMillis(limited.get("retryAfterMs").longValue()));
        patient.request("send_message", Map.of("to", "d1", "content", "after waiting"), "message_sent");

        assertThat(limited.get("retryAfterMs").longValue()).isEqualTo(50);
        assertThat(doctor.await("new_message").get("message").get("content").stringValue()).isEqualTo("after waiting");
        assertThat(server.metrics.errors(ErrorCode.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void a_users_sockets_share_one_budget_so_another_socket_buys_no_more_frames() {
        server(WebSocketSettings.standard());
        TestClient phone = server.connect("p1", "patient");
        TestClient laptop = server.connect("p1", "patient");
        // each upgrade and each connect() barrier spent one request of the user's burst of 40
        for (int i = 0; i < 18; i++) {
            phone.request("auth", Map.of("token", phone.token), "ack");
            laptop.request("auth", Map.of("token", laptop.token), "ack");
        }

        laptop.requestError("auth", Map.of("token", laptop.token), "RATE_LIMITED");
        phone.requestError("auth", Map.of("token", phone.token), "RATE_LIMITED");
        TestClient doctor = server.connect("d1", "doctor");
        doctor.request("auth", Map.of("token", doctor.token), "ack");
    }

    @Test
    void upgrades_spend_the_users_budget_too_and_the_one_beyond_it_is_refused_with_429_and_retry_after() throws Exception {
        server(WebSocketSettings.standard());
        String token = server.token("p1", "patient");
        // open and close in a loop: the cap on open sockets never binds, the budget does
        for (int i = 0; i < 40; i++) {
            TestClient.connect(server.uri(), token).abort();
        }

        try (RawSocket refused = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + token)) {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.statusLine).contains("Too Many Requests");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        }
        server.time.advance(Duration.ofMillis(50));
        TestClient.connect(server.uri(), token).abort();
    }

    @Test
    void a_socket_that_falls_too_far_behind_is_closed_with_1013_and_others_are_not_held_up() {
        server(WebSocketSettings.standard().withOutboundQueueFrames(16));
        TestClient stuck = server.connectNotReading("d1", "doctor");
        TestClient other = server.connect("d2", "doctor");
        Actor patient = Actor.of(UserId.of("p1"), Role.PATIENT);
        String text = "x".repeat(3000);

        int sent = 0;
        while (!server.metrics.render().contains("carechat_slow_consumers_closed_total 1") && sent < 20_000) {
            server.core.sendMessage().send(new SendMessage(patient, null, UserId.of("d1"), null, text, null, null, null)).orThrow();
            sent++;
        }
        server.core.sendMessage().send(new SendMessage(patient, null, UserId.of("d2"), null, "meanwhile", null, null, null)).orThrow();

        assertThat(server.metrics.render()).contains("carechat_slow_consumers_closed_total 1");
        assertThat(other.await("new_message").get("message").get("content").stringValue()).isEqualTo("meanwhile");
        stuck.startReading();
        TestClient.Closed closed = stuck.awaitClose();
        assertThat(closed.code()).isEqualTo(1013);
        assertThat(closed.reason()).contains("sync");
        server.awaitConnections(1);
    }

    @Test
    void a_quiet_socket_is_pinged_after_the_ping_interval() {
        server(WebSocketSettings.standard());
        TestClient patient = server.connect("p1", "patient");

        server.time.advance(Duration.ofSeconds(31));

        ByteBuffer ping = patient.awaitPing();
        assertThat(StandardCharsets.US_ASCII.decode(ping).toString()).isEqualTo("carechat");
        assertThat(patient.isClosed()).isFalse();
    }

    @Test
    void a_socket_silent_for_the_idle_timeout_is_closed_with_1001_while_a_talking_one_stays() throws Exception {
        server(WebSocketSettings.standard());
        TestClient doctor = server.connect("d1", "doctor");
        // a bare socket that never answers pings (java.net.http always does)
        try (RawSocket patient = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token("p1", "patient"))) {
            doctor.await("user_status_change");

            server.time.advance(Duration.ofSeconds(40));
            doctor.request("auth", Map.of("token", doctor.token), "ack");
            server.time.advance(Duration.ofSeconds(35));

            assertThat(patient.awaitCloseCode()).isEqualTo(1001);
            JsonNode offline = doctor.await("user_status_change");
            assertThat(offline.get("userId").stringValue()).isEqualTo("p1");
            assertThat(offline.get("isOnline").booleanValue()).isFalse();
            doctor.request("auth", Map.of("token", doctor.token), "ack");
        }
    }

    @Test
    void shutdown_sends_what_was_queued_then_closes_every_socket_with_1001_and_refuses_new_ones_with_503() throws Exception {
        server(WebSocketSettings.standard());
        TestClient patient = server.connect("p1", "patient");
        TestClient doctor = server.connect("d1", "doctor");
        patient.request("send_message", Map.of("to", "d1", "content", "acknowledged before shutdown"), "message_sent");

        server.adapter.shutdown();

        assertThat(doctor.await("new_message").get("message").get("content").stringValue()).isEqualTo("acknowledged before shutdown");
        for (TestClient client : new TestClient[] {patient, doctor}) {
            TestClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("server shutting down");
        }
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                TestClient.attempt(server.uri(), "Authorization", "Bearer " + server.token("p1", "patient")).get(10, TimeUnit.SECONDS));
        assertThat(refused.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(503);
        assertThat(server.registry.connectionCount()).isZero();
    }

    @Test
    void an_open_socket_outlives_the_http_keep_alive_timeout_of_the_shared_listener() throws Exception {
        server(ChatServer.start(WebSocketSettings.standard(), listener -> listener.getKeepAlive().setIdleTimeoutInSeconds(1)));
        TestClient patient = server.connect("p1", "patient");

        // real time must pass here: the keep-alive timer is Grizzly's, not the adapter's clock
        Thread.sleep(2_500);

        patient.request("send_message", Map.of("to", "d1", "content", "still connected"), "message_sent");
        assertThat(patient.isClosed()).isFalse();
    }
}
