package org.carechat.domain.care;

import java.time.Duration;
import org.carechat.domain.common.Text;

/**
 * Break-glass: a clinician without a care relationship reads a patient's conversations in an emergency. Only by
 * stating a reason, for {@code duration} from then, read-only; the access is audited with the reason, and
 * announced to the patient's care team when {@code announceToCareTeam}.
 */
public record BreakGlassPolicy(Duration duration, boolean announceToCareTeam) {
    public static final Duration DEFAULT_DURATION = Duration.ofHours(1);
    public static final int MAX_REASON_LENGTH = 500;

    public BreakGlassPolicy {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the break-glass duration must be positive");
        }
    }

    public static BreakGlassPolicy standard() {
        return new BreakGlassPolicy(DEFAULT_DURATION, true);
    }

    /** The reason as it is recorded (stripped); refused when there is none, or when it is too long or malformed. */
    public static String requireReason(String reason) {
        return Text.requireStated(reason, MAX_REASON_LENGTH, "break-glass access needs a reason");
    }
}
