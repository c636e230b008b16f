package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import jakarta.ws.rs.core.Response;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Refusal;
import org.carechat.wire.ErrorCode;
import org.carechat.wire.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProblemDetailsTest {
    private static RestHarness api;
    private static String patient;

    @BeforeAll
    static void start() {
        api = RestHarness.builder().directory(FailingDirectory::new).start();
        api.user("p1", "Pat One", "patient");
        patient = api.token("p1", "patient");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String title, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
        assertThat(problem.get("type").stringValue()).startsWith("urn:carechat:problem:");
        assertThat(problem.get("title").stringValue()).isEqualTo(title);
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("code").stringValue()).isEqualTo(code);
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        HttpResponse<String> response = api.get("/api/chat/nothing-here", patient);

        assertProblem(response, 404, "Not Found", "NOT_FOUND");
        assertThat(json(response).get("type").stringValue()).isEqualTo("urn:carechat:problem:not-found");
    }

    @Test
    void a_wrong_method_is_a_405_problem_with_the_allowed_methods() {
        HttpResponse<String> response = api.send("/api/chat/unread-count", "DELETE", patient, null, null);

        assertProblem(response, 405, "Method Not Allowed", "METHOD_NOT_ALLOWED");
        assertThat(json(response).get("type").stringValue()).isEqualTo("urn:carechat:problem:method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void a_request_the_core_finds_invalid_is_a_422_problem_with_its_own_code() {
        HttpResponse<String> response = api.get("/api/chat/conversations?cursor=bm9wZQ", patient);

        assertProblem(response, 422, "Unprocessable Content", "INVALID");
        assertThat(json(response).get("type").stringValue()).isEqualTo("urn:carechat:problem:invalid");
    }

    @Test
    void an_unacceptable_accept_header_is_a_406_problem() {
        HttpResponse<String> response = api.send(api.request("/api/chat/unread-count", patient).header("Accept", "text/html").GET());

        assertProblem(response, 406, "Not Acceptable", "BAD_REQUEST");
    }

    @Test
    void a_missing_token_is_a_401_problem_with_a_bearer_challenge() {
        HttpResponse<String> response = api.get("/api/chat/unread-count", null);

        assertProblem(response, 401, "Unauthorized", "UNAUTHORIZED");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"carechat\"");
    }

    @Test
    void a_wrong_content_type_is_a_415_problem() {
        HttpResponse<String> response = api.send(api.request("/api/chat/presence", patient)
                .header("Content-Type", "application/xml").POST(BodyPublishers.ofString("<userIds/>")));

        assertProblem(response, 415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_bug_is_a_500_problem_that_tells_nothing_of_its_insides() {
        HttpResponse<String> response = api.get("/api/chat/conversations", api.token("boom", "patient"));

        assertProblem(response, 500, "Internal Server Error", "INTERNAL");
        assertThat(json(response).get("detail").stringValue()).startsWith("an unexpected error occurred (reference ");
        assertThat(response.body()).doesNotContain("secret", "IllegalState", "org.carechat", "Exception", "at ");
    }

    @Test
    void a_store_outage_is_a_503_problem() {
        HttpResponse<String> response = api.get("/api/chat/conversations", api.token("down", "patient"));

        assertProblem(response, 503, "Service Unavailable", "UNAVAILABLE");
        assertThat(response.body()).doesNotContain("timed out");
    }

    @Test
    void every_error_is_counted_by_its_code() {
        long notFound = api.metrics.errors(ErrorCode.NOT_FOUND);
        long internal = api.metrics.errors(ErrorCode.INTERNAL);

        api.get("/api/chat/nothing-here", patient);
        api.get("/api/chat/conversations/c_none", patient);
        api.get("/api/chat/conversations", api.token("boom", "patient"));

        assertThat(api.metrics.errors(ErrorCode.NOT_FOUND)).isEqualTo(notFound + 2);
        assertThat(api.metrics.errors(ErrorCode.INTERNAL)).isEqualTo(internal + 1);
    }

    @Test
    void a_rate_limit_answers_429_with_retry_after_in_whole_seconds() {
        Metrics metrics = new Metrics();

        Response response = new ProblemMapper(metrics).toResponse(new Refusal(new ChatFailure.RateLimited(1500)));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(((JsonNode) response.getEntity()).get("retryAfterMs").longValue()).isEqualTo(1500);
        assertThat(((JsonNode) response.getEntity()).get("code").stringValue()).isEqualTo("RATE_LIMITED");
        assertThat(metrics.errors(ErrorCode.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void each_kind_of_refusal_has_its_status() {
        ProblemMapper mapper = new ProblemMapper(new Metrics());

        assertThat(mapper.toResponse(new Refusal(new ChatFailure.Invalid("x"))).getStatus()).isEqualTo(422);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.Unauthorized("x"))).getStatus()).isEqualTo(401);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.Forbidden("x"))).getStatus()).isEqualTo(403);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.NotFound("x"))).getStatus()).isEqualTo(404);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.Conflict("x"))).getStatus()).isEqualTo(409);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.TooLarge("x"))).getStatus()).isEqualTo(413);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.UnsupportedMediaType("x"))).getStatus()).isEqualTo(415);
        assertThat(mapper.toResponse(new Refusal(new ChatFailure.Unavailable("x"))).getStatus()).isEqualTo(503);
        assertThat(mapper.toResponse(org.carechat.wire.WireException.badRequest("x")).getStatus()).isEqualTo(400);
    }
}
