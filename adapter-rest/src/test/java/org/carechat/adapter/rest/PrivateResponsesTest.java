package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Answers that carry health data or who treats whom are kept out of every cache and are not sniffed into
 * another type: {@code Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff} on every
 * endpoint family, on successes and on problems.
 */
class PrivateResponsesTest {
    private static RestHarness api;
    private static String patient;
    private static String conversation;
    private static String message;
    private static String attachment;

    @BeforeAll
    static void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        conversation = api.conversation("p1", "patient", "d1");
        message = api.sendText(patient, conversation, "my results").get("id").stringValue();
        attachment = json(upload()).get("id").stringValue();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> upload() {
        return api.sendWith("/api/chat/attachments", "POST", patient,
                Map.of("Content-Type", "application/pdf", "X-File-Name", "lab.pdf"),
                BodyPublishers.ofByteArray(AttachmentEndpointsTest.pdf()));
    }

    /** One request of each endpoint family ({@code {c}}, {@code {m}}, {@code {a}}: the seeded ids), with the status it answers. */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("GET", "/api/chat/conversations", null, 200),
                Arguments.of("POST", "/api/chat/conversations", "{\"participantId\":\"d1\"}", 200),
                Arguments.of("GET", "/api/chat/conversations/{c}", null, 200),
                Arguments.of("GET", "/api/chat/conversations/{c}/messages", null, 200),
                Arguments.of("POST", "/api/chat/conversations/{c}/messages", "{\"content\":\"hello\"}", 201),
                Arguments.of("PUT", "/api/chat/conversations/{c}/read", "{}", 200),
                Arguments.of("PUT", "/api/chat/conversations/{c}/pin", "{\"pinned\":true}", 200),
                Arguments.of("PATCH", "/api/chat/messages/{m}", "{\"content\":\"my results, again\"}", 200),
                Arguments.of("POST", "/api/chat/messages/{m}/reactions", "{\"emoji\":\"ok\"}", 200),
                Arguments.of("GET", "/api/chat/search?query=results", null, 200),
                Arguments.of("GET", "/api/chat/contacts", null, 200),
                Arguments.of("POST", "/api/chat/presence", "{\"userIds\":[\"d1\"]}", 200),
                Arguments.of("GET", "/api/chat/unread-count", null, 200),
                Arguments.of("GET", "/api/chat/calls?conversationId={c}", null, 200),
                Arguments.of("GET", "/api/chat/attachments/{a}", null, 200),
                Arguments.of("HEAD", "/api/chat/attachments/{a}", null, 200),
                Arguments.of("GET", "/api/admin/audit?userId=p1", null, 200),
                Arguments.of("PUT", "/api/admin/users/p1", "{\"name\":\"Pat One\",\"role\":\"patient\"}", 200),
                Arguments.of("PUT", "/api/admin/care-relationships", "{\"patientId\":\"p1\",\"clinicianId\":\"d1\"}", 200),
                Arguments.of("GET", "/health", null, 200),
                Arguments.of("GET", "/metrics", null, 200),
                // problems name no resource, but still say whether one exists
                Arguments.of("GET", "/api/chat/conversations/c_nobody", null, 404),
                Arguments.of("POST", "/api/chat/conversations/{c}/messages", "{\"content\":\"  \"}", 422),
                Arguments.of("GET", "/api/chat/nothing-here", null, 404));
    }

    private static String concrete(String path) {
        return path.replace("{c}", conversation).replace("{m}", message).replace("{a}", attachment);
    }

    private static void assertPrivate(HttpResponse<?> response) {
        String where = response.request().method() + " " + response.request().uri().getPath() + " " + response.statusCode();
        assertThat(response.headers().allValues("Cache-Control")).as(where).singleElement()
                .satisfies(value -> assertThat(Arrays.stream(value.toLowerCase(Locale.ROOT).split(",")).map(String::strip))
                        .as(where).contains("no-store"));
        assertThat(response.headers().allValues("X-Content-Type-Options")).as(where).containsExactly("nosniff");
    }

    @ParameterizedTest(name = "{0} {1} ({3})")
    @MethodSource("answers")
    void every_answer_is_kept_out_of_caches_and_not_sniffed(String method, String path, String body, int status) {
        String token = path.startsWith("/api/admin") ? api.admin() : patient;
        HttpResponse<String> response = api.send(concrete(path), method, token, body == null ? null : "application/json", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertPrivate(response);
    }

    @Test
    void an_upload_answer_is_private_too() {
        HttpResponse<String> response = upload();

        assertThat(response.statusCode()).isEqualTo(201);
        assertPrivate(response);
    }

    @Test
    void a_refused_token_is_private_too() {
        HttpResponse<String> response = api.get("/api/chat/conversations", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertPrivate(response);
    }

    @Test
    void a_download_keeps_its_own_stricter_private_no_store() {
        HttpResponse<String> response = api.get(concrete("/api/chat/attachments/{a}"), patient);

        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }

    @Test
    void only_the_public_openapi_document_may_be_cached() {
        HttpResponse<String> response = api.get("/api/openapi.json", null);

        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
