package org.carechat.domain.failure;

/** The kinds of expected refusal; every adapter maps them in exactly one table. */
public enum FailureKind {
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    INVALID,
    CONFLICT,
    RATE_LIMITED,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    UNAVAILABLE
}
