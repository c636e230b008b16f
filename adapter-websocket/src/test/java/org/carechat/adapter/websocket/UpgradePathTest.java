package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the one path the upgrade gate admits opens a socket: no spelling of it slips past the gate's checks. */
class UpgradePathTest {
    private static final List<String> OTHER_SPELLINGS = List.of("/ws;a=b", "/ws;", "/ws/", "//ws", "/ws%3Bx", "/ws%3B",
            "/WS", "/Ws", "/%77s", "/ws%2F", "/ws/.", "/./ws", "/ws/../ws", "/x/../ws", "/ws/x", "/ws%00", "/ws..;/");

    private ChatServer server;

    @BeforeEach
    void start() {
        server = ChatServer.start().user("p1", "patient");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The status of a raw upgrade of {@code path}, or -1 when the server closed without answering. */
    private int status(String path, String... headers) throws IOException {
        try (RawSocket raw = RawSocket.open(server.port(), path, headers)) {
            return raw.status();
        } catch (EOFException closedWithoutAnswer) {
            return -1;
        }
    }

    @Test
    void an_upgrade_of_another_spelling_of_the_path_without_a_token_never_opens_a_socket() throws IOException {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String path : OTHER_SPELLINGS) {
            answers.put(path, status(path));
        }

        assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isNotEqualTo(101));
        assertThat(server.registry.connectionCount()).isZero();
    }

    @Test
    void an_upgrade_of_another_spelling_of_the_path_from_a_foreign_origin_never_opens_a_socket() throws IOException {
        String token = "Authorization: Bearer " + server.token("p1", "patient");
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (String path : OTHER_SPELLINGS) {
            answers.put(path, status(path, token, "Origin: https://evil.example.com"));
        }

        assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isNotEqualTo(101));
        assertThat(server.registry.connectionCount()).isZero();
    }

    @Test
    void the_path_itself_still_opens_with_a_token_in_the_header_or_the_query() throws IOException {
        String token = server.token("p1", "patient");

        assertThat(status("/ws", "Authorization: Bearer " + token)).isEqualTo(101);
        assertThat(status("/ws?access_token=" + token)).isEqualTo(101);
        assertThat(status("/ws")).isEqualTo(401);
    }
}
