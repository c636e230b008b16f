package org.carechat.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.carechat.application.Actor;
import org.carechat.application.SessionId;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.carechat.wire.WireJson;
import org.carechat.wire.WireLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class EventDispatcherTest {
    private final Metrics metrics = new Metrics();
    private final AtomicInteger calls = new AtomicInteger();
    private final EventDispatcher dispatcher = new EventDispatcher(Map.of(
            "named", (caller, data) -> {
                calls.incrementAndGet();
                return new Reply("named_reply", JsonNodeFactory.instance.objectNode().put("echo", data.get("n").intValue()));
            },
            "plain", (caller, data) -> {
                calls.incrementAndGet();
                return Reply.ACK;
            },
            "refused", (caller, data) -> {
                throw new Refusal(new ChatFailure.NotFound("conversation not found"));
            },
            "busy", (caller, data) -> {
                throw new Refusal(new ChatFailure.RateLimited(1200));
            },
            "buggy", (caller, data) -> {
                throw new IllegalStateException("secret patient data in a bug message");
            },
            "broken", (caller, data) -> {
                throw new ExceptionInInitializerError("a class could not be initialised");
            }), new WireJson(WireLimits.standard()), metrics);
    private final Recorder origin = new Recorder();

    private static final class Recorder implements EventDispatcher.Origin {
        final List<JsonNode> frames = new ArrayList<>();

        @Override
        public Actor actor() {
            return new Actor(UserId.of("p1"), Role.PATIENT, session());
        }

        @Override
        public void renew(Identity identity) {
        }

        @Override
        public SessionId session() {
            return new SessionId("s1");
        }

        @Override
        public void send(String frame) {
            frames.add(TestClient.JSON.readTree(frame));
        }
    }

    private JsonNode only() {
        assertThat(origin.frames).hasSize(1);
        return origin.frames.get(0);
    }

    @Test
    void a_frame_with_an_id_gets_exactly_its_named_reply_carrying_re() {
        dispatcher.dispatch(origin, "{\"event\":\"named\",\"id\":\"a1\",\"data\":{\"n\":7}}", 0);

        JsonNode reply = only();
        assertThat(reply.get("event").stringValue()).isEqualTo("named_reply");
        assertThat(reply.get("re").stringValue()).isEqualTo("a1");
        assertThat(reply.get("data").get("echo").intValue()).isEqualTo(7);
    }

    @Test
    void an_event_without_a_named_reply_is_acknowledged_with_an_empty_ack() {
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"a2\",\"re\":\"x\"}", 0);

        JsonNode reply = only();
        assertThat(reply.get("event").stringValue()).isEqualTo("ack");
        assertThat(reply.get("re").stringValue()).isEqualTo("a2");
        assertThat(reply.get("data").isEmpty()).isTrue();
    }

    @Test
    void a_frame_without_id_gets_its_named_reply_without_re_but_no_bare_ack() {
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"data\":{}}", 0);
        assertThat(origin.frames).isEmpty();

        dispatcher.dispatch(origin, "{\"event\":\"named\",\"data\":{\"n\":3}}", 0);
        JsonNode reply = only();
        assertThat(reply.get("event").stringValue()).isEqualTo("named_reply");
        assertThat(reply.has("re")).isFalse();
        assertThat(reply.get("data").get("echo").intValue()).isEqualTo(3);
    }

    @Test
    void a_frame_without_id_that_fails_is_answered_with_an_error_without_re() {
        dispatcher.dispatch(origin, "{\"event\":\"refused\",\"data\":{}}", 0);
        JsonNode error = only();
        assertThat(error.get("event").stringValue()).isEqualTo("error");
        assertThat(error.has("re")).isFalse();
        assertThat(error.get("data").get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(error.get("data").get("message").stringValue()).isEqualTo("conversation not found");
    }

    @Test
    void a_frame_over_the_rate_is_refused_with_retry_after_and_never_reaches_its_handler() {
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"a3\"}", 75);

        JsonNode error = only().get("data");
        assertThat(calls).hasValue(0);
        assertThat(only().get("re").stringValue()).isEqualTo("a3");
        assertThat(error.get("code").stringValue()).isEqualTo("RATE_LIMITED");
        assertThat(error.get("retryAfterMs").longValue()).isEqualTo(75);
        assertThat(metrics.errors(ErrorCode.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void a_refusal_carrying_a_retry_time_keeps_it() {
        dispatcher.dispatch(origin, "{\"event\":\"busy\",\"id\":\"a4\"}", 0);

        assertThat(only().get("data").get("retryAfterMs").longValue()).isEqualTo(1200);
    }

    @Test
    void a_bug_in_a_handler_answers_internal_without_its_details_and_the_next_frame_is_served() {
        dispatcher.dispatch(origin, "{\"event\":\"buggy\",\"id\":\"a5\"}", 0);
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"a6\"}", 0);

        JsonNode error = origin.frames.get(0);
        assertThat(error.get("re").stringValue()).isEqualTo("a5");
        assertThat(error.get("data").get("code").stringValue()).isEqualTo("INTERNAL");
        assertThat(error.get("data").get("message").stringValue()).doesNotContain("secret");
        assertThat(origin.frames.get(1).get("event").stringValue()).isEqualTo("ack");
        assertThat(metrics.errors(ErrorCode.INTERNAL)).isEqualTo(1);
    }

    @Test
    void an_error_that_is_not_the_virtual_machines_answers_internal_and_the_next_frame_is_served() {
        dispatcher.dispatch(origin, "{\"event\":\"broken\",\"id\":\"b1\"}", 0);
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"b2\"}", 0);

        assertThat(origin.frames.get(0).get("re").stringValue()).isEqualTo("b1");
        assertThat(origin.frames.get(0).get("data").get("code").stringValue()).isEqualTo("INTERNAL");
        assertThat(origin.frames.get(1).get("event").stringValue()).isEqualTo("ack");
    }

    @Test
    void an_unknown_event_is_unknown_event_and_a_bad_envelope_is_bad_request() {
        dispatcher.dispatch(origin, "{\"event\":\"nope\",\"id\":\"a7\"}", 0);
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"a8\",\"re\":5}", 0);
        dispatcher.dispatch(origin, "{\"event\":\"plain\",\"id\":\"\"}", 0);

        assertThat(origin.frames).extracting(f -> f.get("data").get("code").stringValue())
                .containsExactly("UNKNOWN_EVENT", "BAD_REQUEST", "BAD_REQUEST");
        assertThat(origin.frames.get(0).get("re").stringValue()).isEqualTo("a7");
        assertThat(origin.frames.get(1).get("re").stringValue()).isEqualTo("a8");
        assertThat(origin.frames.get(2).has("re")).isFalse();
        assertThat(calls).hasValue(0);
    }
}
