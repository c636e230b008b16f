package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A query parameter the endpoint does not read is refused by name, on every route, instead of being ignored. */
class QueryParametersTest {
    private static RestHarness api;
    private static String patient;
    private static String conversation;
    private static String message;

    @BeforeAll
    static void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        conversation = api.conversation("p1", "patient", "d1");
        for (int i = 1; i <= 3; i++) {
            message = api.sendText(patient, conversation, "message " + i).get("id").stringValue();
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** Every route, with a request it would answer: method, path (with its known parameters), body. */
    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "/api/chat/conversations?limit=10", null),
                Arguments.of("POST", "/api/chat/conversations", "{\"participantId\":\"d1\"}"),
                Arguments.of("GET", "/api/chat/conversations/{c}", null),
                Arguments.of("GET", "/api/chat/conversations/{c}/messages?limit=2", null),
                Arguments.of("POST", "/api/chat/conversations/{c}/messages", "{\"content\":\"hi\"}"),
                Arguments.of("PUT", "/api/chat/conversations/{c}/read", "{}"),
                Arguments.of("PUT", "/api/chat/conversations/{c}/mute", "{\"muted\":false}"),
                Arguments.of("PUT", "/api/chat/conversations/{c}/pin", "{\"pinned\":false}"),
                Arguments.of("PATCH", "/api/chat/messages/{m}", "{\"content\":\"edited\"}"),
                Arguments.of("DELETE", "/api/chat/messages/{m}", null),
                Arguments.of("POST", "/api/chat/messages/{m}/reactions", "{\"emoji\":\"ok\"}"),
                Arguments.of("DELETE", "/api/chat/messages/{m}/reactions/ok", null),
                Arguments.of("GET", "/api/chat/unread-count", null),
                Arguments.of("POST", "/api/chat/presence", "{\"userIds\":[\"d1\"]}"),
                Arguments.of("GET", "/api/chat/contacts?role=doctor", null),
                Arguments.of("GET", "/api/chat/search?query=message", null),
                Arguments.of("GET", "/api/chat/calls?conversationId={c}", null),
                Arguments.of("POST", "/api/chat/attachments", null),
                Arguments.of("GET", "/api/chat/attachments/a_none", null),
                Arguments.of("HEAD", "/api/chat/attachments/a_none", null),
                Arguments.of("GET", "/api/chat/attachments/a_none/link", null),
                Arguments.of("GET", "/api/chat/client-settings", null),
                Arguments.of("PUT", "/api/admin/users/p1", "{\"name\":\"Pat One\",\"role\":\"patient\"}"),
                Arguments.of("PUT", "/api/admin/care-relationships", "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}"),
                Arguments.of("DELETE", "/api/admin/care-relationships?patientId=p2&clinicianId=d1", null),
                Arguments.of("GET", "/api/admin/audit?userId=p1", null),
                Arguments.of("GET", "/api/openapi.json", null),
                Arguments.of("GET", "/health", null),
                Arguments.of("GET", "/metrics", null));
    }

    private static HttpResponse<String> send(String method, String path, String body) {
        String concrete = path.replace("{c}", conversation).replace("{m}", message);
        String token = concrete.startsWith("/api/admin") ? api.admin() : patient;
        return api.send(concrete, method, token, body == null ? null : "application/json", body);
    }

    private static String with(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void an_unknown_query_parameter_is_a_bad_request_that_names_it(String method, String path, String body) {
        HttpResponse<String> response = send(method, with(path, "skip=10"), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        if (!method.equals("HEAD")) {
            assertThat(json(response).get("code").stringValue()).isEqualTo("BAD_REQUEST");
            assertThat(json(response).get("detail").stringValue()).startsWith("unknown query parameter 'skip'");
        }
    }

    /** A download link ({@code ?link=}) is read by the GET of a download alone; everywhere else it is a parameter like any. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void a_link_parameter_is_unknown_on_every_route_but_the_download(String method, String path, String body) {
        HttpResponse<String> response = send(method, with(path, "link=abc.def"), body);

        if (method.equals("GET") && path.equals("/api/chat/attachments/a_none")) {
            assertThat(response.statusCode()).as("a token and a link together").isEqualTo(400);
            assertThat(json(response).get("detail").stringValue()).isEqualTo("send either a bearer token or a link, not both");
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        if (!method.equals("HEAD")) {
            assertThat(json(response).get("detail").stringValue()).startsWith("unknown query parameter 'link'");
        }
    }

    @Test
    void loading_more_history_with_a_parameter_the_server_does_not_know_is_refused_instead_of_answering_the_newest_page() {
        HttpResponse<String> response = api.get("/api/chat/conversations/" + conversation + "/messages?limit=2&page=2", patient);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").stringValue())
                .isEqualTo("unknown query parameter 'page'; accepted: after, before, limit");
    }

    @Test
    void every_unknown_parameter_is_named_at_once() {
        HttpResponse<String> response = api.get("/api/chat/conversations?offset=5&limit=10&skip=5", patient);

        assertThat(json(response).get("detail").stringValue())
                .isEqualTo("unknown query parameters 'offset', 'skip'; accepted: cursor, filter, limit, search");
    }

    @Test
    void an_endpoint_without_parameters_says_so() {
        HttpResponse<String> response = api.get("/api/chat/unread-count?since=yesterday", patient);

        assertThat(json(response).get("detail").stringValue())
                .isEqualTo("unknown query parameter 'since'; this endpoint takes no query parameters");
    }

    @Test
    void names_are_shown_printable_and_short() {
        HttpResponse<String> response = api.get("/api/chat/unread-count?" + "%3Cb%3E%0A" + "x".repeat(60) + "=1", patient);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").stringValue()).startsWith("unknown query parameter '<b>?xxxx").contains("...'")
                .doesNotContain("\n");
    }

    @Test
    void the_known_parameters_still_work() {
        HttpResponse<String> response = api.get("/api/chat/conversations/" + conversation + "/messages?limit=2&before=3", patient);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("items")).hasSize(2);
    }

    @Test
    void without_a_token_the_answer_is_401_before_any_parameter_is_judged() {
        assertThat(api.get("/api/chat/unread-count?skip=1", null).statusCode()).isEqualTo(401);
    }
}
