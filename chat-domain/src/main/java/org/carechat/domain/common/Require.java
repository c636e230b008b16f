package org.carechat.domain.common;

import java.util.Objects;

/** Guards for invariants in compact constructors; a violation is a programming error, not a user refusal. */
public final class Require {
    private Require() {
    }

    public static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static <T> T nonNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    public static long nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }
}
