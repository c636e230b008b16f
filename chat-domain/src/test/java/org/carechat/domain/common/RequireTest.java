package org.carechat.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequireTest {

    @Test
    void non_blank_refuses_null_empty_and_whitespace() {
        assertThat(Require.nonBlank("x", "name")).isEqualTo("x");
        assertThatThrownBy(() -> Require.nonBlank(null, "name")).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> Require.nonBlank("", "name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Require.nonBlank(" \t", "name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void non_negative_accepts_zero_and_refuses_below() {
        assertThat(Require.nonNegative(0, "n")).isZero();
        assertThatThrownBy(() -> Require.nonNegative(-1, "n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void positive_refuses_zero() {
        assertThat(Require.positive(1, "n")).isEqualTo(1);
        assertThatThrownBy(() -> Require.positive(0, "n")).isInstanceOf(IllegalArgumentException.class);
    }
}
