package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REST requests spend the same per-user budget as the user's sockets: 20 a second in bursts of 40 by default. */
class RateLimitTest {
    private RestHarness api;
    private String conversation;
    private String patient;

    @BeforeEach
    void start() {
        api = RestHarness.builder().chat(ChatSettings.standard().withRateLimits(new RateLimits(
                RateLimits.DEFAULT_PEOPLE, RateLimits.DEFAULT_ADMINISTRATORS))).start();
        api.seedClinic();
        conversation = api.conversation("p1", "patient", "d1");
        patient = api.token("p1", "patient");
        api.time.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void sends_beyond_the_burst_are_answered_429_with_retry_after_and_a_problem_body_and_nothing_is_stored() {
        int created = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            HttpResponse<String> response = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                    "{\"content\":\"message " + i + "\"}");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }

        assertThat(created).isEqualTo(RateLimits.DEFAULT_PEOPLE.burst());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).get("code").stringValue()).isEqualTo("RATE_LIMITED");
        assertThat(json(refused).get("retryAfterMs").longValue()).isEqualTo(50);
        api.time.advance(Duration.ofMinutes(1));
        HttpResponse<String> history = api.get("/api/chat/conversations/" + conversation + "/messages?limit=100", patient);
        assertThat(json(history).get("items")).hasSize(created);
    }

    @Test
    void the_budget_is_the_users_not_the_requests_reads_and_writes_share_it_and_others_have_their_own() {
        for (int i = 0; i < RateLimits.DEFAULT_PEOPLE.burst(); i++) {
            assertThat(api.get("/api/chat/unread-count", patient).statusCode()).isEqualTo(200);
        }

        assertThat(api.get("/api/chat/conversations", patient).statusCode()).isEqualTo(429);
        assertThat(api.get("/api/chat/conversations", api.token("d1", "doctor")).statusCode()).isEqualTo(200);
        api.time.advance(Duration.ofMillis(50));
        assertThat(api.get("/api/chat/conversations", patient).statusCode()).isEqualTo(200);
    }

    @Test
    void administrators_and_services_have_a_larger_budget_for_bulk_seeding() {
        String service = api.token("svc", "service");
        for (int i = 0; i < RateLimits.DEFAULT_ADMINISTRATORS.burst(); i++) {
            HttpResponse<String> response = api.put("/api/admin/users/p" + (100 + i), service,
                    "{\"name\":\"Patient " + i + "\",\"role\":\"patient\"}");
            assertThat(response.statusCode()).as("user %d", i).isEqualTo(200);
        }

        assertThat(api.put("/api/admin/users/p99", service, "{\"name\":\"One too many\",\"role\":\"patient\"}").statusCode())
                .isEqualTo(429);
    }
}
