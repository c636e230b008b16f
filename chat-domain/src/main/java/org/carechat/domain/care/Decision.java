package org.carechat.domain.care;

import org.carechat.domain.common.Require;
import org.carechat.domain.failure.Refusal;

/** The care policy's answer, always with its reason so audit and callers can tell why. */
public sealed interface Decision {

    String reason();

    record Allowed(String reason) implements Decision {
        public Allowed {
            Require.nonBlank(reason, "reason");
        }
    }

    record Denied(String reason) implements Decision {
        public Denied {
            Require.nonBlank(reason, "reason");
        }
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** Throws a forbidden {@link Refusal} with the reason when denied. */
    default void orRefuse() {
        if (this instanceof Denied denied) {
            throw Refusal.forbidden(denied.reason());
        }
    }
}
