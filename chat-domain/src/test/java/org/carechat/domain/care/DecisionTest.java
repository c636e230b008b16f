package org.carechat.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.failure.Refusals.assertRefused;

import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void a_decision_always_carries_a_reason() {
        assertThatThrownBy(() -> new Decision.Allowed(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision.Denied("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision.Denied(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void only_an_allowed_decision_is_allowed() {
        assertThat(new Decision.Allowed("ok").allowed()).isTrue();
        assertThat(new Decision.Denied("no").allowed()).isFalse();
    }

    @Test
    void a_denied_decision_refuses_as_forbidden_with_its_reason_as_message() {
        assertThat(assertRefused(new Decision.Denied("because")::orRefuse, FailureKind.FORBIDDEN).message())
                .isEqualTo("because");
    }
}
