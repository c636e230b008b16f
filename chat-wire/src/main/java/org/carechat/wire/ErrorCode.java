package org.carechat.wire;

import org.carechat.domain.failure.FailureKind;

/** The error codes of the wire contract, shared by WebSocket {@code error} frames and REST problem details. */
public enum ErrorCode {
    BAD_REQUEST,
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
