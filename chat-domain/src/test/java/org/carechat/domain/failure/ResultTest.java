package org.carechat.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResultTest {
    private static final ChatFailure NOT_FOUND = ChatFailure.NotFound.of("conversation");

    @Test
    void ok_holds_its_value() {
        Result<String> ok = Result.ok("hello");

        assertThat(ok.isOk()).isTrue();
        assertThat(ok.orThrow()).isEqualTo("hello");
        assertThat(ok).isEqualTo(new Result.Ok<>("hello"));
    }

    @Test
    void ok_may_hold_nothing() {
        assertThat(Result.<Void>ok(null).isOk()).isTrue();
        assertThat(Result.<Void>ok(null).orThrow()).isNull();
    }

    @Test
    void err_holds_its_failure() {
        Result<String> err = Result.err(NOT_FOUND);

        assertThat(err.isOk()).isFalse();
        assertThat(err.failure()).isEqualTo(NOT_FOUND);
    }

    @Test
    void err_needs_a_failure() {
        assertThatThrownBy(() -> Result.err(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void attempt_wraps_the_value_of_work_that_succeeds() {
        assertThat(Result.attempt(() -> 42)).isEqualTo(Result.ok(42));
    }

    @Test
    void attempt_turns_a_refusal_into_an_err_with_the_same_failure() {
        Result<Integer> result = Result.attempt(() -> {
            throw Refusal.forbidden("not yours");
        });

        assertThat(result.isOk()).isFalse();
        assertThat(result.failure()).isEqualTo(new ChatFailure.Forbidden("not yours"));
    }

    @Test
    void attempt_lets_any_other_exception_propagate_because_it_is_a_bug() {
        assertThatThrownBy(() -> Result.attempt(() -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }

    @Test
    void map_transforms_the_value_of_ok() {
        assertThat(Result.ok(20).map(n -> n + 1)).isEqualTo(Result.ok(21));
    }

    @Test
    void map_keeps_the_failure_of_err_without_calling_the_mapper() {
        AtomicBoolean called = new AtomicBoolean();

        Result<String> mapped = Result.<Integer>err(NOT_FOUND).map(n -> {
            called.set(true);
            return "x";
        });

        assertThat(mapped.failure()).isEqualTo(NOT_FOUND);
        assertThat(called).isFalse();
    }

    @Test
    void or_throw_of_err_throws_a_refusal_carrying_the_failure() {
        Result<String> err = Result.err(NOT_FOUND);

        assertThatThrownBy(err::orThrow).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.failure()).isEqualTo(NOT_FOUND));
    }

    @Test
    void asking_an_ok_for_its_failure_is_a_bug() {
        assertThatThrownBy(() -> Result.ok(1).failure()).isInstanceOf(IllegalStateException.class);
    }
}
