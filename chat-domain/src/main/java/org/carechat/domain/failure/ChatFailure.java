package org.carechat.domain.failure;

import org.carechat.domain.common.Require;

/**
 * An expected refusal: the request was understood and answered "no". Bugs and infrastructure failures
 * are exceptions; these are values. The {@link #message()} is safe to show to the caller: it never
 * names a resource the caller may not see.
 */
public sealed interface ChatFailure {

    FailureKind kind();

    String message();

    /** No valid credentials: a missing, malformed, expired or badly signed token. */
    record Unauthorized(String message) implements ChatFailure {
        public Unauthorized {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.UNAUTHORIZED;
        }
    }

    /** The policy says no (no care relationship, not the sender, wrong role). */
    record Forbidden(String message) implements ChatFailure {
        public Forbidden {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.FORBIDDEN;
        }
    }

    /** Does not exist, or exists but is not the caller's: the two answer alike so ids cannot be probed. */
    record NotFound(String message) implements ChatFailure {
        public NotFound {
            Require.nonBlank(message, "message");
        }

        public static NotFound of(String resource) {
            return new NotFound(resource + " not found");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.NOT_FOUND;
        }
    }

    /** The request breaks a rule of content or shape (blank text, too long, wrong type). */
    record Invalid(String message) implements ChatFailure {
        public Invalid {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.INVALID;
        }
    }

    /** The request contradicts the current state (editing a deleted message, accepting an ended call). */
    record Conflict(String message) implements ChatFailure {
        public Conflict {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.CONFLICT;
        }
    }

    /** Too many requests; the caller may try again after {@code retryAfterMs}. */
    record RateLimited(long retryAfterMs) implements ChatFailure {
        public RateLimited {
            Require.nonNegative(retryAfterMs, "retryAfterMs");
        }

        /** The wait in whole seconds, rounded up and at least one (HTTP's {@code Retry-After}). */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfterMs + 999) / 1000);
        }

        @Override
        public FailureKind kind() {
            return FailureKind.RATE_LIMITED;
        }

        @Override
        public String message() {
            return "too many requests, retry after " + retryAfterMs + " ms";
        }
    }

    /** Over a size limit (an attachment, a signal, a body). */
    record TooLarge(String message) implements ChatFailure {
        public TooLarge {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.TOO_LARGE;
        }
    }

    /** A file type that is not on the allow-list, or whose bytes contradict its declared type. */
    record UnsupportedMediaType(String message) implements ChatFailure {
        public UnsupportedMediaType {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.UNSUPPORTED_MEDIA_TYPE;
        }
    }

    /** A dependency (the store) cannot answer now; nothing was acknowledged, the caller may retry. */
    record Unavailable(String message) implements ChatFailure {
        public Unavailable {
            Require.nonBlank(message, "message");
        }

        @Override
        public FailureKind kind() {
            return FailureKind.UNAVAILABLE;
        }
    }
}
