package org.carechat.adapter.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.carechat.application.port.PushNotifications;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The push notices as a webhook: each one an HTTPS {@code POST} of a small JSON document of ids to the clinic's
 * relay, which forwards it to its push provider. The body is {@code {id, type, recipientId, conversationId,
 * messageId, priority, at}} ({@code type}: {@code message}, {@code urgent_reminder} or {@code urgent_escalation}),
 * never content or names. It is signed with HMAC-SHA256 over {@code <timestamp>.<body>}
 * under the shared secret: header {@code X-CareChat-Signature: t=<unix seconds>,v1=<hex>}; {@code X-CareChat-Delivery}
 * is the notice's id, the same on every attempt, so the relay can drop a repeat.
 *
 * <p>Delivery never holds up a send: a notice is queued and sent from this adapter's own thread. A relay that
 * answers 2xx has it; a 5xx, a 408 or 429, a timeout or a refused connection is tried again after a backoff that
 * doubles from {@code firstBackoff} (capped at five minutes), up to {@code attempts} in all; any other answer is
 * final. At most {@link #MAX_PENDING} notices wait at once: past that, new ones are dropped and counted.
 */
public final class WebhookPushNotifications implements PushNotifications, AutoCloseable {
    public static final int MAX_PENDING = 10_000;
    public static final int MIN_SECRET_BYTES = 32;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(WebhookPushNotifications.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final SecretKeySpec key;
    private final int attempts;
    private final Duration firstBackoff;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService thread;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * {@code url} must be {@code https}, or {@code http} to this machine's loopback (a relay beside the server);
     * {@code secret} at least {@value #MIN_SECRET_BYTES} bytes; {@code attempts} at least one.
     */
    public WebhookPushNotifications(URI url, String secret, int attempts, Duration firstBackoff, Clock clock) {
        validate(url, secret);
        this.url = url;
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("the backoff must be positive");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread worker = new Thread(task, "carechat-push-webhook");
            worker.setDaemon(true);
            return worker;
        });
    }

    /** Refuses (IllegalArgumentException, saying why) a URL or a secret this adapter would not use. */
    public static void validate(URI url, String secret) {
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL needs a host");
        }
        boolean https = "https".equals(url.getScheme());
        if (!https && !("http".equals(url.getScheme()) && isLoopback(url.getHost()))) {
            // the URL itself is not repeated: it may carry a token of the relay's
            throw new IllegalArgumentException("the webhook URL must be https (http only to this machine's loopback)");
        }
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the webhook secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    /** {@code localhost} or a loopback address written as such: never a name a DNS answer could move elsewhere. */
    private static boolean isLoopback(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean address = literal.matches("[0-9.]+") || literal.contains(":");
        try {
            return "localhost".equalsIgnoreCase(host) || (address && InetAddress.getByName(literal).isLoopbackAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void notify(PushNotice notice) {
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "push webhook: " + MAX_PENDING + " notices already wait; one for message "
                    + notice.messageId() + " is dropped");
            return;
        }
        Delivery delivery = new Delivery(UUID.randomUUID().toString(), body(notice));
        try {
            thread.execute(() -> attempt(delivery, 1));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    private record Delivery(String id, ObjectNode body) {
    }

    private ObjectNode body(PushNotice notice) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", notice.kind().wireName());
        body.put("recipientId", notice.recipientId().value());
        body.put("conversationId", notice.conversationId().value());
        body.put("messageId", notice.messageId().value());
        body.put("priority", notice.priority());
        body.put("at", notice.at().toString());
        return body;
    }

    /** One attempt; whatever happens, the notice ends delivered, failed or scheduled again, never lost from the count. */
    private void attempt(Delivery delivery, int attempt) {
        try {
            send(delivery, attempt);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            pending.decrementAndGet();
            LOG.log(Level.WARNING, "push webhook: notice " + delivery.id() + " not delivered: " + e);
        }
    }

    private void send(Delivery delivery, int attempt) {
        ObjectNode document = delivery.body().deepCopy();
        document.put("id", delivery.id());
        String body = JSON.writeValueAsString(document);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-CareChat-Delivery", delivery.id())
                .header("X-CareChat-Signature", "t=" + timestamp + ",v1=" + sign(timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            // closing: this notice is given up
            Thread.currentThread().interrupt();
            failed.incrementAndGet();
            pending.decrementAndGet();
            return;
        }
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
            pending.decrementAndGet();
            return;
        }
        boolean retryable = status == -1 || status >= 500 || status == 408 || status == 429;
        if (retryable && attempt < attempts) {
            long delay = backoff(attempt).toMillis();
            try {
                thread.schedule(() -> attempt(delivery, attempt + 1), delay, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // shutting down: counted as failed below
            }
        }
        failed.incrementAndGet();
        pending.decrementAndGet();
        LOG.log(Level.WARNING, "push webhook: notice " + delivery.id() + " not delivered after " + attempt
                + (attempt == 1 ? " attempt" : " attempts") + (status == -1 ? " (no answer)" : " (last answer " + status + ")"));
    }

    /** The wait before attempt {@code attempt + 1}: {@code firstBackoff} doubled per attempt, at most five minutes. */
    Duration backoff(int attempt) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Notices queued or waiting for a retry. */
    public int pending() {
        return pending.get();
    }

    /** Stops: notices not yet delivered (queued, or waiting for a retry) are given up, and logged as such. */
    @Override
    public void close() {
        // what never ran (queued, or waiting for a retry) is given up here; an attempt under way is interrupted and
        // gives itself up, and is waited for, so that the figures are final once this returns
        int left = thread.shutdownNow().size();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "push webhook: an attempt still runs after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (left > 0) {
            failed.addAndGet(left);
            pending.addAndGet(-left);
            LOG.log(Level.WARNING, "push webhook: " + left + " notices not delivered at shutdown");
        }
    }
}
