package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server with CHAT_PUSH_WEBHOOK_URL: a message over REST to a doctor with no open socket reaches a local relay
 * as a signed POST of ids; while his socket is open, no notice goes out.
 */
class PushWebhookEndToEndTest {
    private static final String SECRET = "the-relay-and-carechat-share-this-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Notice(String signature, String body) {
    }

    private final LinkedBlockingQueue<Notice> notices = new LinkedBlockingQueue<>();
    private HttpServer relay;
    private TestServer test;

    @BeforeEach
    void start() throws Exception {
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.createContext("/push", exchange -> {
            notices.add(new Notice(exchange.getRequestHeaders().getFirst("X-CareChat-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        relay.start();
        test = TestServer.start(Map.of(Option.PUSH_WEBHOOK_URL, "http://127.0.0.1:" + relay.getAddress().getPort() + "/push",
                Option.PUSH_WEBHOOK_SECRET, SECRET), null);
    }

    @AfterEach
    void stop() {
        if (test != null) {
            test.close();
        }
        relay.stop(0);
    }

    private String send(String conversation, String text) throws Exception {
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", "p1",
                "{\"content\":\"" + text + "\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
        return JSON.readTree(sent.body()).get("id").stringValue();
    }

    private Notice next() throws InterruptedException {
        Notice notice = notices.poll(10, TimeUnit.SECONDS);
        assertThat(notice).as("a notice within 10 s").isNotNull();
        return notice;
    }

    private boolean doctorOnline() throws Exception {
        HttpResponse<String> presence = test.send("POST", "/api/chat/presence", "p1", "{\"userIds\":[\"d1\"]}");
        JsonNode items = JSON.readTree(presence.body());
        for (JsonNode item : items.isArray() ? items : items.path("items")) {
            if (item.path("userId").stringValue("").equals("d1")) {
                return item.path("isOnline").booleanValue();
            }
        }
        return false;
    }

    @Test
    void an_offline_doctor_is_pushed_a_signed_notice_of_ids_and_an_online_one_is_not() throws Exception {
        HttpResponse<String> opened = test.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}");
        String conversation = JSON.readTree(opened.body()).get("id").stringValue();

        String first = send(conversation, "my blood sugar is 14 this morning");
        Notice notice = next();

        JsonNode body = JSON.readTree(notice.body());
        assertThat(body.get("recipientId").stringValue()).isEqualTo("d1");
        assertThat(body.get("conversationId").stringValue()).isEqualTo(conversation);
        assertThat(body.get("messageId").stringValue()).isEqualTo(first);
        assertThat(body.get("priority").stringValue()).isEqualTo("routine");
        assertThat(notice.body()).doesNotContain("blood").doesNotContain("Pat").doesNotContain("Ada");
        String t = notice.signature().substring(2, notice.signature().indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(notice.signature()).endsWith(",v1=" + HexFormat.of().formatHex(
                mac.doFinal((t + "." + notice.body()).getBytes(StandardCharsets.UTF_8))));

        try (WsClient doctor = test.connect("d1")) {
            doctor.send("{\"event\":\"sync\",\"id\":\"s1\",\"data\":{\"conversationId\":\"" + conversation + "\",\"afterSeq\":0}}");
            doctor.awaitReply("s1");
            send(conversation, "are you there?");
            doctor.awaitEvent("new_message");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (doctorOnline()) {
            assertThat(System.nanoTime()).as("the doctor offline again within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        String third = send(conversation, "never mind");

        assertThat(JSON.readTree(next().body()).get("messageId").stringValue())
                .as("the next notice is the third message's: none went out while he was online").isEqualTo(third);
        long metricsDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!test.http.send(java.net.http.HttpRequest.newBuilder(test.http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("carechat_push_delivered_total 2")) {
            assertThat(System.nanoTime()).as("/metrics counts the two notices").isLessThan(metricsDeadline);
            Thread.sleep(20);
        }
    }
}
