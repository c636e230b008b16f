package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.carechat.application.port.fake.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint that takes a JSON body refuses what is not a well-formed, small, strictly shaped JSON object. */
class BadInputTest {
    private static final int MAX_BODY = 2048;

    private static RestHarness api;
    private static String conversation;
    private static String message;

    /** A body-taking endpoint, its caller and a body it accepts (a JSON object, to which fields are added). */
    record Endpoint(String method, String path, String caller, String validBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        String withField(String field) {
            return validBody.equals("{}") ? "{" + field + "}" : validBody.substring(0, validBody.length() - 1) + "," + field + "}";
        }
    }

    @BeforeAll
    static void start() {
        api = RestHarness.builder().rest(RestSettings.standard().withMaxJsonBodyBytes(MAX_BODY)).start();
        api.seedClinic();
        conversation = api.conversation("p1", "patient", "d1");
        message = api.sendText(api.token("p1", "patient"), conversation, "hello").get("id").stringValue();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST", "/api/chat/conversations", "patient", "{\"participantId\":\"d1\"}"),
                new Endpoint("POST", "/api/chat/conversations/{c}/messages", "patient", "{\"content\":\"hi\"}"),
                new Endpoint("PUT", "/api/chat/conversations/{c}/read", "patient", "{}"),
                new Endpoint("PUT", "/api/chat/conversations/{c}/mute", "patient", "{\"muted\":true}"),
                new Endpoint("PUT", "/api/chat/conversations/{c}/pin", "patient", "{\"pinned\":true}"),
                new Endpoint("PATCH", "/api/chat/messages/{m}", "patient", "{\"content\":\"hello!\"}"),
                new Endpoint("POST", "/api/chat/messages/{m}/reactions", "patient", "{\"emoji\":\"ok\"}"),
                new Endpoint("POST", "/api/chat/presence", "patient", "{\"userIds\":[\"d1\"]}"),
                new Endpoint("PUT", "/api/admin/users/{u}", "admin", "{\"name\":\"Pat One\",\"role\":\"patient\"}"),
                new Endpoint("PUT", "/api/admin/care-relationships", "admin", "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}"));
    }

    static Stream<Arguments> endpointsAndBadBodies() {
        String deep = "{\"content\":" + "[".repeat(70) + "]".repeat(70) + "}";
        return endpoints().flatMap(e -> Stream.of(
                Arguments.of(e, "malformed JSON", "{\"content\": \"unterminated"),
                Arguments.of(e, "JSON nested deeper than 64", deep),
                Arguments.of(e, "not an object", "[1,2,3]"),
                Arguments.of(e, "an unknown field", e.withField("\"bogus\":1")),
                Arguments.of(e, "senderId", e.withField("\"senderId\":\"d1\"")),
                Arguments.of(e, "seq", e.withField("\"seq\":7")),
                Arguments.of(e, "createdAt", e.withField("\"createdAt\":\"2026-11-22T10:30:00.000Z\"")),
                Arguments.of(e, "status", e.withField("\"status\":\"read\""))));
    }

    private static String path(Endpoint endpoint) {
        return endpoint.path().replace("{c}", conversation).replace("{m}", message).replace("{u}", "p1");
    }

    private static String token(Endpoint endpoint) {
        return endpoint.caller().equals("admin") ? api.admin() : api.token("p1", "patient");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("endpointsAndBadBodies")
    void a_bad_body_is_a_bad_request(Endpoint endpoint, String what, String body) {
        HttpResponse<String> response = api.send(path(endpoint), endpoint.method(), token(endpoint), "application/json", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").stringValue()).isEqualTo("BAD_REQUEST");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void the_valid_body_is_accepted_so_that_the_refusals_are_about_the_bad_parts(Endpoint endpoint) {
        HttpResponse<String> response = api.send(path(endpoint), endpoint.method(), token(endpoint), "application/json", endpoint.validBody());

        assertThat(response.statusCode()).isBetween(200, 201);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void a_server_owned_field_is_refused_by_name(Endpoint endpoint) {
        HttpResponse<String> response = api.send(path(endpoint), endpoint.method(), token(endpoint), "application/json",
                endpoint.withField("\"senderId\":\"d1\""));

        assertThat(json(response).get("detail").stringValue()).isEqualTo("field 'senderId' is set by the server, not by clients");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void a_body_that_is_not_json_is_an_unsupported_media_type(Endpoint endpoint) {
        HttpResponse<String> plain = api.send(path(endpoint), endpoint.method(), token(endpoint), "text/plain", endpoint.validBody());
        HttpResponse<String> form = api.send(path(endpoint), endpoint.method(), token(endpoint),
                "application/x-www-form-urlencoded", "a=b");
        HttpResponse<String> untyped = api.send(path(endpoint), endpoint.method(), token(endpoint), null, endpoint.validBody());

        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain).get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(untyped.statusCode()).isEqualTo(415);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void a_body_over_the_limit_is_too_large_whether_its_length_is_announced_or_not(Endpoint endpoint) {
        String big = endpoint.withField("\"padding\":\"" + "x".repeat(MAX_BODY) + "\"");

        HttpResponse<String> announced = api.send(path(endpoint), endpoint.method(), token(endpoint), "application/json", big);
        HttpResponse<String> chunked = api.sendWith(path(endpoint), endpoint.method(), token(endpoint),
                Map.of("Content-Type", "application/json"),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));

        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(json(announced).get("code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Connection")).hasValue("close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void without_a_valid_token_nothing_is_read(Endpoint endpoint) {
        String expired = TestTokens.token("p1", "patient", Instant.parse("2026-11-22T09:59:00Z"));
        for (String token : new String[] {null, "not-a-token", "test:p1:emperor:9999999999", expired}) {
            HttpResponse<String> response = api.send(path(endpoint), endpoint.method(), token, "application/json", "{oops");

            assertThat(response.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(json(response).get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void a_basic_authorization_header_is_no_bearer_token() {
        HttpResponse<String> response = api.send(api.request("/api/chat/conversations", null)
                .header("Authorization", "Basic cDE6c2VjcmV0").GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** Routes that carry an id, each with a body it would accept ({@code id} marks where the id goes). */
    static Stream<Arguments> routesWithIds() {
        return Stream.of(
                Arguments.of("GET /api/chat/conversations/{id}", null),
                Arguments.of("GET /api/chat/conversations/{id}/messages", null),
                Arguments.of("POST /api/chat/conversations/{id}/messages", "{\"content\":\"x\"}"),
                Arguments.of("PUT /api/chat/conversations/{id}/read", "{}"),
                Arguments.of("PUT /api/chat/conversations/{id}/mute", "{\"muted\":true}"),
                Arguments.of("PUT /api/chat/conversations/{id}/pin", "{\"pinned\":true}"),
                Arguments.of("PATCH /api/chat/messages/{id}", "{\"content\":\"x\"}"),
                Arguments.of("DELETE /api/chat/messages/{id}", null),
                Arguments.of("POST /api/chat/messages/{id}/reactions", "{\"emoji\":\"x\"}"),
                Arguments.of("DELETE /api/chat/messages/{id}/reactions/x", null),
                Arguments.of("GET /api/chat/attachments/{id}", null),
                Arguments.of("GET /api/chat/calls?conversationId={id}", null),
                Arguments.of("POST /api/chat/conversations", "{\"participantId\":\"{id}\"}"),
                Arguments.of("POST /api/chat/presence", "{\"userIds\":[\"{id}\"]}"),
                Arguments.of("PUT /api/admin/users/{id}", "{\"name\":\"X\",\"role\":\"patient\"}"),
                Arguments.of("DELETE /api/admin/care-relationships?patientId={id}&clinicianId=d1", null),
                Arguments.of("PUT /api/admin/care-relationships", "{\"patientId\":\"{id}\",\"clinicianId\":\"d1\"}"),
                Arguments.of("GET /api/admin/audit?userId={id}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesWithIds")
    void ids_that_are_not_ids_are_bad_requests(String route, String body) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        String token = path.startsWith("/api/admin") ? api.admin() : api.token("p1", "patient");
        // as they travel: percent-encoded in a URL, plain in a JSON string
        Map<String, String> bad = Map.of("bad%20id", "bad id", "%3Cscript%3E", "<script>", "%C3%A9t%C3%A9", "\u00e9t\u00e9",
                "x".repeat(129), "x".repeat(129), "a%22b", "a\\\"b", "", "");
        bad.forEach((inUrl, inJson) -> {
            boolean inBody = body != null && body.contains("{id}");
            if (inUrl.isEmpty() && !inBody) {
                return;
            }
            String concrete = inBody ? path : path.replace("{id}", inUrl);
            String concreteBody = inBody ? body.replace("{id}", inJson) : body;
            HttpResponse<String> response = api.send(concrete, method, token, concreteBody == null ? null : "application/json",
                    concreteBody);

            assertThat(response.statusCode()).as(route + " with " + inUrl + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).get("detail").stringValue()).as(route + " with " + inUrl)
                    .containsAnyOf("not a valid id", "must be an array of ids");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"?filter=starred", "?limit=lots"})
    void conversation_list_parameters_are_checked(String query) {
        HttpResponse<String> response = api.get("/api/chat/conversations" + query, api.token("p1", "patient"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void a_cursor_that_is_not_ours_is_unprocessable() {
        assertThat(api.get("/api/chat/conversations?cursor=bm9wZQ", api.token("p1", "patient")).statusCode()).isEqualTo(422);
    }

    @Test
    void an_unknown_message_type_is_a_bad_request() {
        HttpResponse<String> response = api.post("/api/chat/conversations/" + conversation + "/messages", api.token("p1", "patient"),
                "{\"type\":\"hologram\",\"content\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void a_field_of_the_wrong_type_is_a_bad_request() {
        HttpResponse<String> response = api.put("/api/chat/conversations/" + conversation + "/mute", api.token("p1", "patient"),
                "{\"muted\":\"yes\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").stringValue()).isEqualTo("muted must be true or false");
    }
}
