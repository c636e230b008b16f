package org.carechat.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WireTest {
    private final WireJson json = new WireJson(WireLimits.standard());

    @Test
    void every_domain_event_has_a_wire_name() {
        Set<String> covered = Set.of("MessageCreated", "MessageEdited", "MessageDeleted", "ReactionsUpdated",
                "MessagesDelivered", "MessagesRead", "ConversationUpdated", "TypingStarted", "TypingStopped",
                "StatusChanged", "IncomingCall", "CallAccepted", "CallRejected", "CallEnded", "CallSignal",
                "BreakGlassOpened", "MessageAcknowledged", "UrgentReminder", "UrgentEscalated");

        assertThat(Arrays.stream(ChatEvent.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .as("a new event needs its wire form in WireEvents.of")
                .containsExactlyInAnyOrderElementsOf(covered);
    }

    @Test
    void every_refusal_of_the_core_has_a_wire_code() {
        for (FailureKind kind : FailureKind.values()) {
            assertThat(ErrorCode.of(kind)).as(kind.name()).isNotNull();
        }
        assertThat(ErrorCode.of(FailureKind.INVALID)).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(ErrorCode.of(FailureKind.TOO_LARGE)).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_and_at_the_limit_accepted() {
        String atLimit = "[".repeat(64) + "]".repeat(64);
        String tooDeep = "[".repeat(65) + "]".repeat(65);

        assertThat(json.parse(atLimit).isArray()).isTrue();
        assertThatThrownBy(() -> json.parse(tooDeep)).isInstanceOf(WireException.class)
                .hasMessageContaining("nesting depth 64");
    }

    @Test
    void malformed_json_and_duplicate_keys_are_bad_requests_that_quote_nothing() {
        assertThatThrownBy(() -> json.parse("{\"content\": \"secret diagnosis\""))
                .isInstanceOf(WireException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(WireException.class);
    }

    @Test
    void client_data_refuses_unknown_and_server_owned_fields_by_name() {
        JsonNode data = json.parse("{\"content\":\"hi\",\"senderId\":\"d1\"}");

        assertThatThrownBy(() -> ClientData.of(data, Set.of("content")))
                .isInstanceOf(WireException.class).hasMessageContaining("senderId").hasMessageContaining("server");
        assertThatThrownBy(() -> ClientData.of(json.parse("{\"colour\":1}"), Set.of("content")))
                .hasMessageContaining("unknown field");
    }

    @Test
    void client_data_checks_shapes_and_ids() {
        ClientData data = ClientData.of(json.parse("{\"upToSeq\":\"7\",\"conversationId\":\"../etc\"}"),
                Set.of("upToSeq", "conversationId"));

        assertThatThrownBy(() -> data.requiredInteger("upToSeq")).hasMessageContaining("integer");
        assertThatThrownBy(() -> data.id("conversationId", s -> s)).hasMessageContaining("not a valid id");
        assertThatThrownBy(() -> data.requiredText("missing")).hasMessageContaining("required");
    }

    @Test
    void timestamps_are_utc_with_milliseconds() {
        assertThat(Timestamps.format(Instant.parse("2026-11-22T10:30:00Z"))).isEqualTo("2026-11-22T10:30:00.000Z");
        assertThat(Timestamps.parse("2026-11-22T11:30:00.5+01:00", "from")).isEqualTo(Instant.parse("2026-11-22T10:30:00.500Z"));
        assertThatThrownBy(() -> Timestamps.parse("yesterday", "from")).hasMessageContaining("from");
    }

    @Test
    void metrics_render_in_prometheus_text() {
        Metrics metrics = new Metrics();
        metrics.connectionsFrom(() -> 3);
        metrics.messageSent();
        metrics.error(ErrorCode.NOT_FOUND);
        metrics.storeCall("messages.append", 2_000_000);

        String text = metrics.render();

        assertThat(text).contains("carechat_connections 3", "carechat_messages_sent_total 1",
                "carechat_errors_total{code=\"NOT_FOUND\"} 1",
                "carechat_store_latency_seconds_bucket{operation=\"messages.append\",le=\"0.0025\"} 1",
                "carechat_store_latency_seconds_count{operation=\"messages.append\"} 1");
    }
}
