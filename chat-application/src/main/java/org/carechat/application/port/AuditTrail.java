package org.carechat.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.user.UserId;

/**
 * The record of who read or wrote what, when: append-only, but for the audit retention, which deletes the
 * oldest entries ({@link #deleteBefore}).
 */
public interface AuditTrail {

    void append(AuditEntry entry);

    /** Entries matching every given criterion (null = any), newest first, at most {@code limit}. */
    List<AuditEntry> query(AuditQuery query);

    /**
     * Deletes up to {@code limit} (at least 1) entries from before {@code cutoff}, the oldest first, but none of
     * the actions in {@code keep}.
     *
     * @return how many it deleted
     */
    int deleteBefore(Instant cutoff, Set<AuditAction> keep, int limit);

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
