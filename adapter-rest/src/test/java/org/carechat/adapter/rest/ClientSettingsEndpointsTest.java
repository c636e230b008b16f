package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.carechat.domain.message.MessageRules;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/chat/client-settings}: the ICE servers for calls and the web client's idle sign-out, for signed-in callers. */
class ClientSettingsEndpointsTest {

    @Test
    void by_default_there_are_no_ice_servers_and_a_web_client_signs_out_after_15_minutes() {
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();

            HttpResponse<String> response = api.get("/api/chat/client-settings", api.token("p1", "patient"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.body()).isEqualTo("{\"iceServers\":[],\"idleSignOutSeconds\":900,\"editWindowSeconds\":900,"
                    + "\"maxTextLength\":4000}");
        }
    }

    @Test
    void the_edit_window_and_the_longest_text_are_the_cores_rules() {
        ChatSettings chat = ChatSettings.standard().withMessageRules(new MessageRules(500, Duration.ofMinutes(2)));
        try (RestHarness api = RestHarness.builder().chat(chat).start()) {
            api.seedClinic();

            JsonNode body = json(api.get("/api/chat/client-settings", api.token("p1", "patient")));

            assertThat(body.get("editWindowSeconds").longValue()).isEqualTo(120);
            assertThat(body.get("maxTextLength").intValue()).isEqualTo(500);
        }
    }

    @Test
    void the_configured_servers_come_in_the_shape_of_rtc_ice_servers() {
        List<IceServer> servers = IceServer.parseAll("[{\"urls\": \"stun:stun.example.org:3478\"}, {\"urls\": "
                + "[\"turn:turn.example.org:3478?transport=udp\"], \"username\": \"u\", \"credential\": \"c\"}]");
        try (RestHarness api = RestHarness.builder().rest(RestSettings.standard().withIceServers(servers)
                .withIdleSignOut(Duration.ofMinutes(5))).start()) {
            api.seedClinic();

            JsonNode body = json(api.get("/api/chat/client-settings", api.token("d1", "doctor")));

            assertThat(body.propertyNames()).containsExactly("iceServers", "idleSignOutSeconds", "editWindowSeconds", "maxTextLength");
            assertThat(body.get("idleSignOutSeconds").longValue()).isEqualTo(300);
            assertThat(body.get("iceServers").toString()).isEqualTo("[{\"urls\":[\"stun:stun.example.org:3478\"]},"
                    + "{\"urls\":[\"turn:turn.example.org:3478?transport=udp\"],\"username\":\"u\",\"credential\":\"c\"}]");
            assertThat(json(api.get("/api/chat/client-settings", api.admin())).get("iceServers")).hasSize(2);
        }
    }

    @Test
    void zero_means_never_and_a_part_of_a_second_counts_as_a_whole_one() {
        try (RestHarness never = RestHarness.builder().rest(RestSettings.standard().withIdleSignOut(Duration.ZERO)).start();
             RestHarness short_ = RestHarness.builder().rest(RestSettings.standard().withIdleSignOut(Duration.ofMillis(1500))).start()) {
            never.seedClinic();
            short_.seedClinic();

            assertThat(json(never.get("/api/chat/client-settings", never.token("p1", "patient"))).get("idleSignOutSeconds").longValue())
                    .isZero();
            assertThat(json(short_.get("/api/chat/client-settings", short_.token("p1", "patient"))).get("idleSignOutSeconds").longValue())
                    .isEqualTo(2);
        }
    }

    @Test
    void without_a_valid_token_the_answer_is_401_and_nothing_of_the_configuration_shows() {
        List<IceServer> servers = List.of(new IceServer(List.of("turn:turn.example.org"), "u", "turn-secret"));
        try (RestHarness api = RestHarness.builder().rest(RestSettings.standard().withIceServers(servers)).start()) {
            api.seedClinic();

            HttpResponse<String> none = api.get("/api/chat/client-settings", null);
            HttpResponse<String> bad = api.get("/api/chat/client-settings", "not-a-token");
            HttpResponse<String> unknownUser = api.get("/api/chat/client-settings", api.token("x9", "patient"));

            for (HttpResponse<String> refused : List.of(none, bad, unknownUser)) {
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(json(refused).get("code").stringValue()).isEqualTo("UNAUTHORIZED");
                assertThat(refused.body()).doesNotContain("turn-secret").doesNotContain("turn.example.org");
            }
        }
    }

    @Test
    void query_parameters_and_other_methods_are_refused() {
        try (RestHarness api = RestHarness.start()) {
            api.seedClinic();
            String patient = api.token("p1", "patient");

            HttpResponse<String> query = api.get("/api/chat/client-settings?platform=web", patient);
            HttpResponse<String> put = api.put("/api/chat/client-settings", patient, "{\"idleSignOutSeconds\":0}");

            assertThat(query.statusCode()).isEqualTo(400);
            assertThat(json(query).get("detail").stringValue())
                    .isEqualTo("unknown query parameter 'platform'; this endpoint takes no query parameters");
            assertThat(put.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void asking_spends_the_request_budget_like_any_request() {
        try (RestHarness api = RestHarness.builder().chat(ChatSettings.standard().withRateLimits(new RateLimits(
                new RateLimits.Budget(1, 2), RateLimits.DEFAULT_ADMINISTRATORS))).start()) {
            api.seedClinic();
            String patient = api.token("p1", "patient");

            int first = api.get("/api/chat/client-settings", patient).statusCode();
            int second = api.get("/api/chat/client-settings", patient).statusCode();
            int third = api.get("/api/chat/client-settings", patient).statusCode();

            assertThat(List.of(first, second, third)).containsExactly(200, 200, 429);
        }
    }
}
