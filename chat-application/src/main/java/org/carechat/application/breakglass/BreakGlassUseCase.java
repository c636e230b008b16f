package org.carechat.application.breakglass;

import java.time.Instant;
import java.util.List;
import org.carechat.application.Actor;
import org.carechat.domain.conversation.ConversationId;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.UserId;

/**
 * A clinician without a care relationship opens read-only access to a patient's conversations in an emergency,
 * stating a reason; the access lasts the configured time ({@code BreakGlassPolicy}), is audited with the reason,
 * and is announced to the patient's care team.
 */
public interface BreakGlassUseCase {

    Result<BreakGlassGrant> open(OpenBreakGlass command);

    record OpenBreakGlass(Actor actor, UserId patientId, String reason) {
    }

    /** The access granted: until when, and the patient's conversations it opens (read-only). */
    record BreakGlassGrant(UserId clinicianId, UserId patientId, String reason, Instant openedAt, Instant until,
                           List<ConversationId> conversations) {
        public BreakGlassGrant {
            conversations = List.copyOf(conversations);
        }
    }
}
