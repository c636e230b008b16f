package org.carechat.application.port;

import java.time.Instant;
import java.util.List;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.user.UserId;

/** The append-only record of who read or wrote what, when. */
public interface AuditTrail {

    void append(AuditEntry entry);

    /** Entries matching every given criterion (null = any), newest first, at most {@code limit}. */
    List<AuditEntry> query(AuditQuery query);

    /**
     * @param actor  entries by this user, or null
     * @param target entries touching this target ({@code conversation:c_1}), or null
     * @param from   entries at or after, or null
     * @param to     entries before, or null
     */
    record AuditQuery(UserId actor, String target, Instant from, Instant to, int limit) {
        public AuditQuery {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }
}
