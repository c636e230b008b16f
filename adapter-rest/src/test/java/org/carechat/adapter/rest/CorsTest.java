package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorsTest {
    private static final String APP = "https://app.clinic.example";
    private static final String EVIL = "https://evil.example";

    private RestHarness api;
    private String patient;

    @BeforeEach
    void start() {
        api = RestHarness.builder().rest(RestSettings.standard().withAllowedOrigins(Set.of(APP))).start();
        api.seedClinic();
        patient = api.token("p1", "patient");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> preflight(String origin, String method) {
        return api.send(api.request("/api/chat/conversations", null)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .method("OPTIONS", BodyPublishers.noBody()));
    }

    private HttpResponse<String> fromOrigin(String origin, String method, String body) {
        return api.send(api.request("/api/chat/conversations", patient)
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)));
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_token() {
        HttpResponse<String> response = preflight(APP, "POST");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v).contains("POST", "PATCH"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(v -> assertThat(v).contains("Authorization", "Content-Type"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void a_preflight_from_a_foreign_origin_is_forbidden() {
        HttpResponse<String> response = preflight(EVIL, "POST");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void an_allowed_origin_reads_with_its_origin_allowed_back() {
        HttpResponse<String> response = fromOrigin(APP, "GET", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    }

    @Test
    void a_foreign_origin_may_get_but_is_never_allowed_to_read_the_answer() {
        HttpResponse<String> response = fromOrigin(EVIL, "GET", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void a_foreign_origin_cannot_change_anything_even_with_a_valid_token() {
        HttpResponse<String> response = fromOrigin(EVIL, "POST", "{\"participantId\":\"d1\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(json(api.get("/api/chat/conversations", patient)).get("items")).isEmpty();
    }

    @Test
    void the_servers_own_origin_and_requests_without_origin_are_allowed() {
        HttpResponse<String> sameOrigin = fromOrigin(api.base.toString(), "POST", "{\"participantId\":\"d1\"}");
        HttpResponse<String> nativeClient = api.post("/api/chat/conversations", patient, "{\"participantId\":\"d1\"}");

        assertThat(sameOrigin.statusCode()).isEqualTo(201);
        assertThat(nativeClient.statusCode()).isEqualTo(200);
        assertThat(nativeClient.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
