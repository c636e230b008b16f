package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sockets are capped per user and in total; the one over a cap is refused at the upgrade, in plain HTTP. */
class SocketLimitsTest {
    private ChatServer server;
    private final List<RawSocket> raws = new ArrayList<>();

    private ChatServer server(WebSocketSettings settings) {
        server = ChatServer.start(settings).user("p1", "patient").user("d1", "doctor").user("d2", "doctor")
                .care("p1", "d1").care("p1", "d2");
        return server;
    }

    @AfterEach
    void stop() throws IOException {
        for (RawSocket raw : raws) {
            raw.close();
        }
        server.close();
    }

    private RawSocket upgrade(String user, String role) throws IOException {
        RawSocket raw = RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token(user, role));
        raws.add(raw);
        return raw;
    }

    /** Upgrades of the given users, all released at once from their own threads; the statuses they got. */
    private Map<Integer, Long> upgradeAtOnce(List<String> users) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(users.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RawSocket>> attempts = new ArrayList<>();
        for (String user : users) {
            String token = server.token(user, user.startsWith("p") ? "patient" : "doctor");
            Callable<RawSocket> attempt = () -> {
                go.await();
                return RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + token);
            };
            attempts.add(threads.submit(attempt));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<RawSocket> attempt : attempts) {
            RawSocket raw = attempt.get(20, TimeUnit.SECONDS);
            raws.add(raw);
            statuses.add(raw.status());
        }
        threads.shutdown();
        return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void the_socket_one_over_the_per_user_cap_is_refused_with_429_and_a_closed_one_makes_room() throws IOException {
        server(WebSocketSettings.standard());
        List<TestClient> devices = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            devices.add(server.connect("p1", "patient"));
        }

        RawSocket eleventh = upgrade("p1", "patient");
        TestClient otherUser = server.connect("d1", "doctor");
        devices.get(0).close();
        server.awaitConnections(10);
        RawSocket afterOneClosed = upgrade("p1", "patient");

        assertThat(eleventh.statusLine).isEqualTo("HTTP/1.1 429 Too Many Sockets For This User");
        assertThat(afterOneClosed.status()).isEqualTo(101);
        otherUser.assertNothingElseArrives();
        server.awaitConnections(11);
    }

    @Test
    void many_upgrades_of_one_user_at_once_never_let_one_more_than_the_per_user_cap_through() throws Exception {
        server(WebSocketSettings.standard());

        Map<Integer, Long> statuses = upgradeAtOnce(java.util.Collections.nCopies(40, "p1"));

        assertThat(statuses).containsOnlyKeys(101, 429).containsEntry(101, 10L).containsEntry(429, 30L);
        assertThat(server.registry.connectionCount()).isEqualTo(10);
        for (RawSocket raw : raws) {
            raw.close();
        }
        server.awaitConnections(0);
    }

    @Test
    void the_socket_one_over_the_servers_cap_is_refused_with_503_whoever_asks() throws IOException {
        server(WebSocketSettings.standard().withSocketLimits(10, 2));
        TestClient patient = server.connect("p1", "patient");
        server.connect("d1", "doctor");

        RawSocket third = upgrade("d2", "doctor");
        patient.close();
        server.awaitConnections(1);
        RawSocket afterOneClosed = upgrade("d2", "doctor");

        assertThat(third.statusLine).isEqualTo("HTTP/1.1 503 Too Many Sockets On This Server");
        assertThat(afterOneClosed.status()).isEqualTo(101);
    }

    @Test
    void many_upgrades_of_several_users_at_once_never_let_one_more_than_either_cap_through() throws Exception {
        server(WebSocketSettings.standard().withSocketLimits(5, 8));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add("p1");
            users.add("d1");
        }

        Map<Integer, Long> statuses = upgradeAtOnce(users);

        assertThat(statuses.get(101)).isEqualTo(8L);
        assertThat(statuses.keySet()).isSubsetOf(101, 429, 503);
        assertThat(server.registry.socketsOf(org.carechat.domain.user.UserId.of("p1"))).hasSizeLessThanOrEqualTo(5);
        assertThat(server.registry.socketsOf(org.carechat.domain.user.UserId.of("d1"))).hasSizeLessThanOrEqualTo(5);
        assertThat(server.registry.connectionCount()).isEqualTo(8);
    }

    @Test
    void refused_upgrades_take_no_room() throws IOException {
        server(WebSocketSettings.standard().withSocketLimits(1, 1));

        for (int i = 0; i < 3; i++) {
            assertThat(RawSocket.open(server.port(), "/ws").status()).isEqualTo(401);
            assertThat(RawSocket.open(server.port(), "/ws", "Authorization: Bearer " + server.token("p1", "patient"),
                    "Origin: https://evil.example.com").status()).isEqualTo(403);
        }

        assertThat(upgrade("p1", "patient").status()).isEqualTo(101);
    }

    @Test
    void an_upgrade_that_fails_after_the_gate_admitted_it_holds_no_room() throws IOException {
        server(WebSocketSettings.standard());
        String token = "Authorization: Bearer " + server.token("p1", "patient") + "\r\n";

        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // admitted by the gate (a good token), then refused by Tyrus: no Sec-WebSocket-Key
            try (RawSocket raw = RawSocket.openWithout(server.port(), "/ws", token + "Sec-WebSocket-Version: 13\r\n")) {
                failed.add(raw.status());
            }
        }

        assertThat(failed).doesNotContain(101);
        assertThat(server.registry.connectionCount()).isZero();
        for (int i = 0; i < 10; i++) {
            assertThat(upgrade("p1", "patient").status()).isEqualTo(101);
        }
    }
}
