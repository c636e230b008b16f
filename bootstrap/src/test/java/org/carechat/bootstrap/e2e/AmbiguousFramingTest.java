package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A request that announces its body both with {@code Content-Length} and with {@code Transfer-Encoding}
 * is refused on the server's one listener, REST and WebSocket upgrade alike, and its connection is closed,
 * so that the bytes after it (a request smuggled past a proxy that trusts the length) are never answered.
 */
class AmbiguousFramingTest {
    /** A chunked body that ends at once, then a second request that a proxy trusting the length would never have sent. */
    private static final String SMUGGLED = "0\r\n\r\nGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** All that comes back until the server closes the connection, and whether it did within the wait. */
    record Exchange(String text, boolean closed) {
        Stream<Integer> statuses() {
            Matcher m = STATUS_LINE.matcher(text);
            Stream.Builder<Integer> statuses = Stream.builder();
            while (m.find()) {
                statuses.add(Integer.valueOf(m.group(1)));
            }
            return statuses.build();
        }
    }

    private static Exchange exchange(String head, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1:" + server.server.port() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), true);
            } catch (SocketTimeoutException e) {
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), false);
            }
        }
    }

    static Stream<Arguments> requestsWithBothLengths() {
        String token = "Authorization: Bearer " + server.token("p1");
        return Stream.of(
                Arguments.of("a REST request without a token", "POST /api/chat/conversations HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked"),
                Arguments.of("a REST request with a token", "POST /api/chat/conversations HTTP/1.1\r\n" + token
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 4"),
                Arguments.of("headers in lower case", "PUT /api/chat/unread-count HTTP/1.1\r\n" + token
                        + "\r\ncontent-length: 4\r\ntransfer-encoding: CHUNKED"),
                Arguments.of("an open path", "POST /health HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked"),
                Arguments.of("a WebSocket upgrade", "GET /ws HTTP/1.1\r\n" + token + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Content-Length: 4\r\nTransfer-Encoding: chunked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWithBothLengths")
    void a_request_with_both_content_length_and_transfer_encoding_is_refused_and_its_connection_closed(String what, String head)
            throws IOException {
        Exchange exchange = exchange(head, SMUGGLED);

        assertThat(exchange.statuses()).as(exchange.text()).containsExactly(400);
        assertThat(exchange.closed()).as("the connection is closed after the refusal").isTrue();
        String lower = exchange.text().toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).contains("connection: close", "x-content-type-options: nosniff", "cache-control: no-store");
        assertThat(lower.split("content-type: application/problem\\+json", -1)).as(exchange.text()).hasSize(2);
        assertThat(exchange.text()).contains("\"code\":\"BAD_REQUEST\"",
                "a request may not carry both Content-Length and Transfer-Encoding");
    }

    static Stream<Arguments> transferEncodingsAProxyMayReadOtherwise() {
        String head = "POST /api/chat/conversations HTTP/1.1\r\nAuthorization: Bearer " + server.token("p1")
                + "\r\nContent-Type: application/json\r\n";
        return Stream.of(
                Arguments.of("chunked, then another coding", head + "Transfer-Encoding: chunked, identity"),
                Arguments.of("another coding, then chunked", head + "Transfer-Encoding: gzip, chunked"),
                Arguments.of("a coding that only starts like chunked", head + "Transfer-Encoding: chunkedx"),
                Arguments.of("chunked twice", head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"),
                Arguments.of("chunked on HTTP/1.0", head.replace("HTTP/1.1", "HTTP/1.0") + "Transfer-Encoding: chunked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transferEncodingsAProxyMayReadOtherwise")
    void a_transfer_encoding_other_than_one_chunked_is_refused_and_its_connection_closed(String what, String head) throws IOException {
        Exchange exchange = exchange(head, SMUGGLED);

        assertThat(exchange.statuses()).as(exchange.text()).containsExactly(400);
        assertThat(exchange.closed()).as("the connection is closed after the refusal").isTrue();
        assertThat(exchange.text()).contains("\"code\":\"BAD_REQUEST\"", "the only Transfer-Encoding accepted is a single chunked");
    }

    @Test
    void a_chunked_request_alone_is_answered_and_its_connection_kept_so_that_the_refusal_is_about_the_pair() throws IOException {
        Exchange exchange = exchange("POST /api/chat/conversations HTTP/1.1\r\nAuthorization: Bearer " + server.token("p1")
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", "17\r\n{\"participantId\":\"d1\"}\r\n0\r\n\r\n");

        assertThat(exchange.statuses()).as(exchange.text()).containsExactly(201);
        assertThat(exchange.closed()).isFalse();
    }
}
