package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest {

    @Test
    void health_is_up_without_a_token_while_the_store_answers() {
        try (RestHarness api = RestHarness.start()) {
            HttpResponse<String> response = api.get("/health", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json(response).get("status").stringValue()).isEqualTo("UP");
            assertThat(json(response).get("store").stringValue()).isEqualTo("UP");
        }
    }

    @Test
    void health_is_down_with_503_when_the_store_does_not_answer() {
        try (RestHarness api = RestHarness.builder().store(() -> false).start()) {
            HttpResponse<String> response = api.get("/health", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).get("status").stringValue()).isEqualTo("DOWN");
            assertThat(json(response).get("store").stringValue()).isEqualTo("DOWN");
        }
    }

    @Test
    void health_is_down_when_the_store_probe_itself_fails() {
        try (RestHarness api = RestHarness.builder().store(() -> {
            throw new IllegalStateException("connection refused");
        }).start()) {
            HttpResponse<String> response = api.get("/health", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("connection refused");
        }
    }

    @Test
    void metrics_are_prometheus_text_with_the_counters_of_this_door() {
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();
            String id = api.conversation("p1", "patient", "d1");
            api.sendText(api.token("p1", "patient"), id, "hello");
            api.sendText(api.token("p1", "patient"), id, "again");
            api.get("/api/chat/conversations/c_nope", api.token("p1", "patient"));
            api.get("/api/chat/conversations", null);

            HttpResponse<String> response = api.get("/metrics", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> {
                assertThat(type).startsWith("text/plain");
                assertThat(type.replace(" ", "")).contains("version=0.0.4");
            });
            assertThat(response.body())
                    .contains("# TYPE carechat_messages_sent_total counter")
                    .contains("carechat_messages_sent_total 2\n")
                    .contains("carechat_errors_total{code=\"NOT_FOUND\"} 1\n")
                    .contains("carechat_errors_total{code=\"UNAUTHORIZED\"} 1\n");
        }
    }

    @Test
    void metrics_behind_a_token_need_exactly_that_token() {
        try (RestHarness api = RestHarness.builder().rest(RestSettings.standard().withMetricsToken("scrape-secret-123")).start()) {
            HttpResponse<String> none = api.get("/metrics", null);
            HttpResponse<String> wrong = api.get("/metrics", "scrape-secret-124");
            HttpResponse<String> userToken = api.get("/metrics", api.admin());
            HttpResponse<String> right = api.get("/metrics", "scrape-secret-123");

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(userToken.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("carechat_errors_total{code=\"UNAUTHORIZED\"} 3");
        }
    }

    @Test
    void the_rest_door_does_not_claim_the_websocket_path() {
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();
            assertThat(api.get("/ws", api.token("p1", "patient")).statusCode()).isEqualTo(404);
        }
    }
}
