package org.carechat.domain.failure;

/**
 * Carries a {@link ChatFailure} out of a deep call inside the core. It never crosses a use-case boundary:
 * use cases turn it into a {@link Result}. It records no stack trace because it is not a bug.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ChatFailure failure;

    public Refusal(ChatFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    public ChatFailure failure() {
        return failure;
    }

    public static Refusal forbidden(String message) {
        return new Refusal(new ChatFailure.Forbidden(message));
    }

    public static Refusal notFound(String resource) {
        return new Refusal(ChatFailure.NotFound.of(resource));
    }

    public static Refusal invalid(String message) {
        return new Refusal(new ChatFailure.Invalid(message));
    }

    public static Refusal conflict(String message) {
        return new Refusal(new ChatFailure.Conflict(message));
    }
}
