package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carechat.adapter.inmemory.InMemoryDirectory;
import org.carechat.application.ChatSettings;
import org.carechat.application.port.DirectoryStore;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebSocketAdapterTest {
    private ChatServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void the_endpoint_is_installed_once_and_only_before_the_server_starts() {
        server = ChatServer.start();

        assertThatThrownBy(() -> server.adapter.install(server.listener())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.adapter.install(new NetworkListener("other", "127.0.0.1", 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void frames_run_on_the_worker_threads_unless_installed_to_run_where_they_were_read() {
        for (WebSocketAdapter.FrameThreads threads : WebSocketAdapter.FrameThreads.values()) {
            ThreadsOfLookups directory = new ThreadsOfLookups();
            server = ChatServer.start(WebSocketSettings.standard(), ChatSettings.standard(), directory, threads,
                    listener -> { });
            server.user("p1", "patient").user("d1", "doctor").care("p1", "d1");
            TestClient patient = server.connect("p1", "patient");
            server.connect("d1", "doctor");
            directory.threads.clear();

            patient.request("send_message", Map.of("to", "d1", "content", "hello"), "message_sent");

            assertThat(directory.threads).as(threads.name()).isNotEmpty().allSatisfy(name -> assertThat(name)
                    .startsWith(threads == WebSocketAdapter.FrameThreads.WORKERS ? "Grizzly-worker" : "grizzly-nio-kernel"));
            server.close();
            server = null;
        }
    }

    /** A directory that notes which thread each look-up ran on: the thread the frame's use case ran on. */
    private static final class ThreadsOfLookups implements DirectoryStore {
        private final InMemoryDirectory directory = new InMemoryDirectory();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public Optional<User> find(UserId id) {
            threads.add(Thread.currentThread().getName());
            return directory.find(id);
        }

        @Override
        public void save(User user) {
            directory.save(user);
        }
    }

    @Test
    void the_connections_gauge_counts_open_sockets() {
        server = ChatServer.start().user("p1", "patient").user("d1", "doctor").care("p1", "d1");
        TestClient patient = server.connect("p1", "patient");
        server.connect("d1", "doctor");
        assertThat(server.metrics.render()).contains("carechat_connections 2");

        patient.close();
        server.awaitConnections(1);

        assertThat(server.metrics.render()).contains("carechat_connections 1");
    }

    @Test
    void shutting_down_twice_is_harmless_and_other_paths_are_left_to_http() throws Exception {
        server = ChatServer.start().user("p1", "patient");
        try (RawSocket elsewhere = RawSocket.open(server.port(), "/api/chat/ws", "Authorization: Bearer " + server.token("p1", "patient"))) {
            // no HTTP handler is installed in this test server: a plain 404, not a WebSocket
            assertThat(elsewhere.status()).isEqualTo(404);
        }
        TestClient patient = server.connect("p1", "patient");
        patient.request("auth", Map.of("token", patient.token), "ack");

        server.adapter.shutdown();
        server.adapter.shutdown();

        assertThat(patient.awaitClose().code()).isEqualTo(1001);
    }
}
