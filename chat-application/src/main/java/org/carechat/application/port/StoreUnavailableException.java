package org.carechat.application.port;

/**
 * A store could not answer in time (the database is down or unreachable). Nothing was acknowledged;
 * use cases answer it as an {@code UNAVAILABLE} refusal, and the caller may retry.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
