package org.carechat.domain.failure;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** The answer of a use case: a value, or the expected refusal that stands in its place. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
    }

    record Err<T>(ChatFailure failure) implements Result<T> {
        public Err {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(ChatFailure failure) {
        return new Err<>(failure);
    }

    /** Runs {@code work}, turning a {@link Refusal} into an {@link Err}; any other exception is a bug and propagates. */
    static <T> Result<T> attempt(Supplier<T> work) {
        try {
            return ok(work.get());
        } catch (Refusal refusal) {
            return err(refusal.failure());
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or a {@link Refusal} carrying the failure. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new Refusal(((Err<T>) this).failure());
    }

    /** The failure; only meaningful when {@link #isOk()} is false. */
    default ChatFailure failure() {
        if (this instanceof Err<T> err) {
            return err.failure();
        }
        throw new IllegalStateException("not a failure: " + this);
    }

    default <U> Result<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Ok<T> ok) {
            return ok(mapper.apply(ok.value()));
        }
        return err(failure());
    }
}
