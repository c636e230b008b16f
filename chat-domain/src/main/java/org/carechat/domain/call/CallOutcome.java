package org.carechat.domain.call;

import java.util.Locale;

/** How a call ended: never answered, declined by the callee, or talked and hung up. */
public enum CallOutcome {
    MISSED,
    REJECTED,
    COMPLETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
