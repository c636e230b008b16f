package org.carechat.adapter.rest;

import java.util.Locale;
import java.util.Map;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.wire.ErrorCode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One RFC 9457 problem: the HTTP status, the wire code and a detail that is safe to show. Its body never
 * names the request's ids, so a refusal for someone else's resource reads exactly like one for a
 * resource that does not exist.
 */
record Problem(int status, ErrorCode code, String detail, Long retryAfterMs) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:carechat:problem:";

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"),
            Map.entry(413, "Content Too Large"),
            Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    Problem(int status, ErrorCode code, String detail) {
        this(status, code, detail, null);
    }

    /** The one table from the core's refusals to HTTP statuses. */
    static Problem of(ChatFailure failure) {
        return switch (failure.kind()) {
            case INVALID -> new Problem(422, ErrorCode.INVALID, failure.message());
            case UNAUTHORIZED -> new Problem(401, ErrorCode.UNAUTHORIZED, failure.message());
            case FORBIDDEN -> new Problem(403, ErrorCode.FORBIDDEN, failure.message());
            case NOT_FOUND -> new Problem(404, ErrorCode.NOT_FOUND, failure.message());
            case CONFLICT -> new Problem(409, ErrorCode.CONFLICT, failure.message());
            case TOO_LARGE -> new Problem(413, ErrorCode.PAYLOAD_TOO_LARGE, failure.message());
            case UNSUPPORTED_MEDIA_TYPE -> new Problem(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, failure.message());
            case RATE_LIMITED -> new Problem(429, ErrorCode.RATE_LIMITED, failure.message(),
                    ((ChatFailure.RateLimited) failure).retryAfterMs());
            case UNAVAILABLE -> new Problem(503, ErrorCode.UNAVAILABLE, failure.message());
        };
    }

    /** The wire code of a bare HTTP status (Jersey's own refusals: unknown route, wrong method, ...). */
    static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ErrorCode.INVALID;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
    }

    static String titleOf(int status) {
        return TITLES.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error");
    }

    static String typeOf(ErrorCode code) {
        return TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    ObjectNode body() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", typeOf(code));
        json.put("title", titleOf(status));
        json.put("status", status);
        json.put("detail", detail);
        json.put("code", code.name());
        if (retryAfterMs != null) {
            json.put("retryAfterMs", retryAfterMs);
        }
        return json;
    }
}
