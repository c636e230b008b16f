package org.carechat.domain.call;

import java.util.Locale;

/** How a call ended: never answered, declined by the callee, or talked and hung up. */
public enum CallOutcome {
    MISSED,
    REJECTED,
    COMPLETED;

    /** The name on the wire, worked out once: it is written into every event and record that carries it. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
