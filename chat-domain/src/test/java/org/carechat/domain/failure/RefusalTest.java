package org.carechat.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefusalTest {

    @Test
    void factories_make_refusals_of_the_matching_kind() {
        assertThat(Refusal.forbidden("no").failure()).isEqualTo(new ChatFailure.Forbidden("no"));
        assertThat(Refusal.notFound("message").failure()).isEqualTo(new ChatFailure.NotFound("message not found"));
        assertThat(Refusal.invalid("bad").failure()).isEqualTo(new ChatFailure.Invalid("bad"));
        assertThat(Refusal.conflict("late").failure()).isEqualTo(new ChatFailure.Conflict("late"));
    }

    @Test
    void a_refusal_reads_as_its_failure_message() {
        assertThat(Refusal.forbidden("only the sender may edit a message"))
                .hasMessage("only the sender may edit a message");
    }

    @Test
    void a_refusal_records_no_stack_trace_because_it_is_not_a_bug() {
        assertThat(Refusal.invalid("bad").getStackTrace()).isEmpty();
    }

    @Test
    void each_failure_has_its_own_kind() {
        assertThat(new ChatFailure.Unauthorized("x").kind()).isEqualTo(FailureKind.UNAUTHORIZED);
        assertThat(new ChatFailure.Forbidden("x").kind()).isEqualTo(FailureKind.FORBIDDEN);
        assertThat(new ChatFailure.NotFound("x").kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(new ChatFailure.Invalid("x").kind()).isEqualTo(FailureKind.INVALID);
        assertThat(new ChatFailure.Conflict("x").kind()).isEqualTo(FailureKind.CONFLICT);
        assertThat(new ChatFailure.RateLimited(10).kind()).isEqualTo(FailureKind.RATE_LIMITED);
        assertThat(new ChatFailure.TooLarge("x").kind()).isEqualTo(FailureKind.TOO_LARGE);
        assertThat(new ChatFailure.UnsupportedMediaType("x").kind()).isEqualTo(FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(new ChatFailure.Unavailable("x").kind()).isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void rate_limited_tells_when_to_retry() {
        assertThat(new ChatFailure.RateLimited(1500).message()).isEqualTo("too many requests, retry after 1500 ms");
        assertThatThrownBy(() -> new ChatFailure.RateLimited(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_failure_has_a_message() {
        assertThatThrownBy(() -> new ChatFailure.Forbidden(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChatFailure.Invalid(null)).isInstanceOf(NullPointerException.class);
    }
}
