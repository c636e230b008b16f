package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A second patient, with a care relationship of their own, tries every id-bearing route on the first
 * patient's conversation, message and attachment: each answers 404 with exactly the body a random id
 * gets, and nothing changes.
 */
class ObjectLevelAccessTest {
    private static final String RANDOM_CONVERSATION = "c_01JDZZZZZZZZZZZZZZZZZZZZZZ";
    private static final String RANDOM_MESSAGE = "01JDZZZZZZZZZZZZZZZZZZZZZZ";
    private static final String RANDOM_ATTACHMENT = "a_01JDZZZZZZZZZZZZZZZZZZZZZZ";

    private static RestHarness api;
    private static String conversation;
    private static String message;
    private static String attachment;
    private static String intruder;

    /** One probe: a route and its body, with the victim's ids or with random ones. */
    record Route(String name, String method, Function<Ids, String> path, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Ids(String conversation, String message, String attachment) {
    }

    @BeforeAll
    static void start() {
        api = RestHarness.start();
        api.seedClinic();
        String victim = api.token("p1", "patient");
        conversation = api.conversation("p1", "patient", "d1");
        attachment = json(api.sendWith("/api/chat/attachments", "POST", victim,
                java.util.Map.of("Content-Type", "image/png", "X-File-Name", "private.png"),
                BodyPublishers.ofByteArray(AttachmentEndpointsTest.png(200)))).get("id").stringValue();
        message = json(api.post("/api/chat/conversations/" + conversation + "/messages", victim,
                "{\"type\":\"image\",\"attachmentId\":\"" + attachment + "\",\"content\":\"my rash\"}")).get("id").stringValue();
        api.post("/api/chat/messages/" + message + "/reactions", api.token("d1", "doctor"), "{\"emoji\":\"x\"}");
        api.conversation("p2", "patient", "d1");
        intruder = api.token("p2", "patient");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                new Route("GET conversation", "GET", ids -> "/api/chat/conversations/" + ids.conversation(), null),
                new Route("GET history", "GET", ids -> "/api/chat/conversations/" + ids.conversation() + "/messages", null),
                new Route("GET history after", "GET", ids -> "/api/chat/conversations/" + ids.conversation() + "/messages?after=0", null),
                new Route("POST message", "POST", ids -> "/api/chat/conversations/" + ids.conversation() + "/messages", "{\"content\":\"hi\"}"),
                new Route("PUT read", "PUT", ids -> "/api/chat/conversations/" + ids.conversation() + "/read", "{}"),
                new Route("PUT mute", "PUT", ids -> "/api/chat/conversations/" + ids.conversation() + "/mute", "{\"muted\":true}"),
                new Route("PUT pin", "PUT", ids -> "/api/chat/conversations/" + ids.conversation() + "/pin", "{\"pinned\":true}"),
                new Route("PATCH message", "PATCH", ids -> "/api/chat/messages/" + ids.message(), "{\"content\":\"changed\"}"),
                new Route("DELETE message", "DELETE", ids -> "/api/chat/messages/" + ids.message(), null),
                new Route("POST reaction", "POST", ids -> "/api/chat/messages/" + ids.message() + "/reactions", "{\"emoji\":\"y\"}"),
                new Route("DELETE reaction", "DELETE", ids -> "/api/chat/messages/" + ids.message() + "/reactions/x", null),
                new Route("GET attachment", "GET", ids -> "/api/chat/attachments/" + ids.attachment(), null),
                new Route("GET calls", "GET", ids -> "/api/chat/calls?conversationId=" + ids.conversation(), null)
        ).map(Arguments::of);
    }

    private static HttpResponse<String> probe(Route route, Ids ids) {
        return api.send(route.path().apply(ids), route.method(), intruder, route.body() == null ? null : "application/json", route.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void another_patients_resource_answers_exactly_like_a_random_id(Route route) {
        HttpResponse<String> theirs = probe(route, new Ids(conversation, message, attachment));
        HttpResponse<String> random = probe(route, new Ids(RANDOM_CONVERSATION, RANDOM_MESSAGE, RANDOM_ATTACHMENT));

        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(random.statusCode()).isEqualTo(404);
        assertThat(theirs.body()).isEqualTo(random.body());
        assertThat(withoutDate(theirs)).isEqualTo(withoutDate(random));
        assertThat(json(theirs).get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(theirs.body()).doesNotContain(conversation, message, attachment, "p1");
    }

    private static java.util.Map<String, List<String>> withoutDate(HttpResponse<String> response) {
        java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void nothing_of_the_first_patients_conversation_changed(Route route) {
        probe(route, new Ids(conversation, message, attachment));

        JsonNode view = json(api.get("/api/chat/conversations/" + conversation, api.token("p1", "patient")));
        JsonNode history = json(api.get("/api/chat/conversations/" + conversation + "/messages", api.token("p1", "patient")));
        assertThat(view.get("muted").booleanValue()).isFalse();
        assertThat(view.get("pinned").booleanValue()).isFalse();
        assertThat(history.get("items")).singleElement().satisfies(m -> {
            assertThat(m.get("deleted").booleanValue()).isFalse();
            assertThat(m.get("content").stringValue()).isEqualTo("my rash");
            assertThat(m.get("reactions").propertyNames()).containsExactly("x");
        });
        assertThat(List.of(json(api.get("/api/chat/conversations", intruder)).get("items").size())).containsExactly(1);
    }
}
