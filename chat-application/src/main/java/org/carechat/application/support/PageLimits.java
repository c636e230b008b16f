package org.carechat.application.support;

import org.carechat.domain.failure.Refusal;

/** How many items a page holds: the asked number, the default when none, never more than the cap. */
public record PageLimits(int cap) {
    public PageLimits {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive");
        }
    }

    public int of(Integer asked, int defaultLimit) {
        if (asked == null) {
            return Math.min(defaultLimit, cap);
        }
        if (asked < 1) {
            throw Refusal.invalid("limit must be at least 1");
        }
        return Math.min(asked, cap);
    }
}
