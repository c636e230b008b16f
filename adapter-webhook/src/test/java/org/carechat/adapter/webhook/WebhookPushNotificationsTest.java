package org.carechat.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.carechat.application.port.PushNotifications.PushNotice;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.message.MessageId;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook against a real local HTTP receiver: the signed body of ids, retries with backoff, final answers. */
class WebhookPushNotificationsTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);
    private static final PushNotice NOTICE = new PushNotice(UserId.of("d1"), ConversationId.of("c_1"),
            MessageId.of("m_1"), "routine", Instant.parse("2026-12-03T07:59:59.123Z"));

    record Received(Map<String, List<String>> headers, String body) {
    }

    private HttpServer receiver;
    private final LinkedBlockingQueue<Integer> answers = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private WebhookPushNotifications push;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/push", exchange -> {
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (push != null) {
            push.close();
        }
        receiver.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/push");
    }

    private WebhookPushNotifications webhook(int attempts) {
        push = new WebhookPushNotifications(url(), SECRET, attempts, Duration.ofMillis(20), CLOCK);
        return push;
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static String header(Received request, String name) {
        return request.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .findFirst().map(entry -> entry.getValue().get(0)).orElse(null);
    }

    @Test
    void a_follow_up_of_an_urgent_message_says_which_in_its_type() throws Exception {
        PushNotice reminder = new PushNotice(NOTICE.recipientId(), NOTICE.conversationId(), NOTICE.messageId(), "urgent",
                NOTICE.at(), PushNotice.Kind.URGENT_REMINDER);
        PushNotice escalation = new PushNotice(UserId.of("n1"), NOTICE.conversationId(), NOTICE.messageId(), "urgent",
                NOTICE.at(), PushNotice.Kind.URGENT_ESCALATION);
        WebhookPushNotifications webhook = webhook(3);
        webhook.notify(reminder);
        webhook.notify(escalation);
        await(() -> push.delivered() == 2);

        JsonMapper json = JsonMapper.builder().build();
        assertThat(received).extracting(request -> json.readTree(request.body()).get("type").stringValue())
                .containsExactly("urgent_reminder", "urgent_escalation");
        assertThat(received).extracting(request -> json.readTree(request.body()).get("recipientId").stringValue())
                .containsExactly("d1", "n1");
    }

    @Test
    void a_notice_is_posted_once_as_ids_only_signed_with_the_shared_secret() throws Exception {
        webhook(3).notify(NOTICE);
        await(() -> push.delivered() == 1);

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        JsonNode body = JsonMapper.builder().build().readTree(request.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "type", "recipientId", "conversationId",
                "messageId", "priority", "at");
        assertThat(body.get("type").stringValue()).isEqualTo("message");
        assertThat(body.get("recipientId").stringValue()).isEqualTo("d1");
        assertThat(body.get("conversationId").stringValue()).isEqualTo("c_1");
        assertThat(body.get("messageId").stringValue()).isEqualTo("m_1");
        assertThat(body.get("priority").stringValue()).isEqualTo("routine");
        assertThat(body.get("at").stringValue()).isEqualTo("2026-12-03T07:59:59.123Z");
        assertThat(body.get("id").stringValue()).isEqualTo(header(request, "X-CareChat-Delivery"));
        assertThat(header(request, "Content-Type")).isEqualTo("application/json");

        String signature = header(request, "X-CareChat-Signature");
        assertThat(signature).startsWith("t=" + CLOCK.instant().getEpochSecond() + ",v1=");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                (CLOCK.instant().getEpochSecond() + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).endsWith(",v1=" + expected);
        assertThat(push.pending()).isZero();
    }

    @Test
    void a_relay_that_fails_for_a_while_gets_the_same_notice_again_until_it_takes_it() throws Exception {
        answers.addAll(List.of(503, 429, 500));

        webhook(5).notify(NOTICE);
        await(() -> push.delivered() == 1);

        assertThat(received).hasSize(4);
        assertThat(received).extracting(request -> header(request, "X-CareChat-Delivery")).containsOnly(
                header(received.get(0), "X-CareChat-Delivery"));
        assertThat(push.failed()).isZero();
    }

    @Test
    void a_final_refusal_is_not_retried_and_a_relay_that_keeps_failing_is_given_up_after_the_attempts() throws Exception {
        answers.add(400);
        webhook(5).notify(NOTICE);
        await(() -> push.failed() == 1);
        assertThat(received).as("400 is final").hasSize(1);

        answers.addAll(List.of(503, 503, 503, 503, 503));
        push.notify(NOTICE);
        await(() -> push.failed() == 2);
        assertThat(received).as("1 + 5 attempts").hasSize(6);
        assertThat(push.delivered()).isZero();
        assertThat(push.pending()).isZero();
    }

    @Test
    void a_relay_that_does_not_answer_counts_as_a_failure_to_retry() throws Exception {
        int port = receiver.getAddress().getPort();
        receiver.stop(0);
        push = new WebhookPushNotifications(URI.create("http://127.0.0.1:" + port + "/push"), SECRET, 2,
                Duration.ofMillis(20), CLOCK);

        push.notify(NOTICE);

        await(() -> push.failed() == 1);
        assertThat(push.delivered()).isZero();
    }

    @Test
    void closing_gives_up_what_waits_for_a_retry_and_counts_it_once() throws Exception {
        answers.addAll(List.of(503, 503, 503));
        push = new WebhookPushNotifications(url(), SECRET, 5, Duration.ofSeconds(30), CLOCK);
        push.notify(NOTICE);
        // whether the first attempt is still under way or its retry already waits, closing ends it once
        await(() -> received.size() == 1);

        push.close();

        assertThat(push.pending()).isZero();
        assertThat(push.failed()).isEqualTo(1);
        push.notify(NOTICE);
        assertThat(push.dropped()).as("after close").isEqualTo(1);
        assertThat(push.pending()).isZero();
    }

    @Test
    void the_backoff_doubles_and_is_capped() {
        WebhookPushNotifications slow = new WebhookPushNotifications(url(), SECRET, 30, Duration.ofSeconds(1), CLOCK);
        try {
            assertThat(slow.backoff(1)).isEqualTo(Duration.ofSeconds(1));
            assertThat(slow.backoff(2)).isEqualTo(Duration.ofSeconds(2));
            assertThat(slow.backoff(4)).isEqualTo(Duration.ofSeconds(8));
            assertThat(slow.backoff(20)).isEqualTo(WebhookPushNotifications.MAX_BACKOFF);
        } finally {
            slow.close();
        }
    }

    @Test
    void a_plain_http_url_off_this_machine_a_short_secret_and_no_attempts_are_refused() {
        assertThatThrownBy(() -> new WebhookPushNotifications(URI.create("http://relay.example.org/push"), SECRET, 3,
                Duration.ofSeconds(1), CLOCK)).hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookPushNotifications(URI.create("http://loopback.example.org/push"), SECRET, 3,
                Duration.ofSeconds(1), CLOCK)).as("a name is not trusted to stay on this machine").hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookPushNotifications(URI.create("ftp://127.0.0.1/push"), SECRET, 3,
                Duration.ofSeconds(1), CLOCK)).hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookPushNotifications(URI.create("https://relay.example.org/push"), "short", 3,
                Duration.ofSeconds(1), CLOCK)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new WebhookPushNotifications(URI.create("https://relay.example.org/push"), SECRET, 0,
                Duration.ofSeconds(1), CLOCK)).hasMessageContaining("attempts");
        new WebhookPushNotifications(URI.create("https://relay.example.org/push"), SECRET, 1, Duration.ofSeconds(1), CLOCK)
                .close();
    }
}
