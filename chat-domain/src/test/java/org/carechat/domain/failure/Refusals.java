package org.carechat.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a domain call answers "no" with an expected refusal of a given kind. */
public final class Refusals {
    private Refusals() {
    }

    public static ChatFailure assertRefused(ThrowingCallable call, FailureKind kind) {
        ChatFailure[] failure = new ChatFailure[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.failure().kind()).isEqualTo(kind);
            assertThat(refusal.getMessage()).isEqualTo(refusal.failure().message());
            failure[0] = refusal.failure();
        });
        return failure[0];
    }
}
