package org.carechat.wire;

import org.carechat.domain.failure.FailureKind;

/**
 * The error codes of the wire contract, shared by WebSocket {@code error} frames and REST problem details.
 * {@link #METHOD_NOT_ALLOWED} and {@link #INVALID} are REST's alone (405 and 422); over WebSocket a refusal
 * of the core for a broken rule of content is a {@link #BAD_REQUEST}.
 */
public enum ErrorCode {
    BAD_REQUEST,
    /** REST only: the route exists, but not with this HTTP method (405). */
    METHOD_NOT_ALLOWED,
    /** REST only: well-formed, but it breaks a rule of content or of the core (422). */
    INVALID,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    UNKNOWN_EVENT,
    UNAVAILABLE,
    INTERNAL;

    /** The one table from the core's refusals to wire codes. */
    public static ErrorCode of(FailureKind kind) {
        return switch (kind) {
            case UNAUTHORIZED -> UNAUTHORIZED;
            case FORBIDDEN -> FORBIDDEN;
            case NOT_FOUND -> NOT_FOUND;
            case INVALID -> BAD_REQUEST;
            case CONFLICT -> CONFLICT;
            case RATE_LIMITED -> RATE_LIMITED;
            case TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
