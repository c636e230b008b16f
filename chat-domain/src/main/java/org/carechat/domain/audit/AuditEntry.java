package org.carechat.domain.audit;

import java.time.Instant;
import java.util.List;
import org.carechat.domain.common.Require;
import org.carechat.domain.user.UserId;

/**
 * One line of the audit trail: who did what to which ids, when, and how it ended. It never holds
 * content: no message text, no file bytes, no token.
 *
 * @param targets ids of what was touched, each as {@code kind:id} ({@code conversation:c_1})
 * @param outcome {@code ok}, or the refusal's kind ({@code forbidden}, {@code not_found}, ...)
 */
public record AuditEntry(String id, UserId actor, AuditAction action, List<String> targets, Instant at, String outcome) {
    public static final String OK = "ok";

    public AuditEntry {
        Require.nonBlank(id, "id");
        Require.nonNull(actor, "actor");
        Require.nonNull(action, "action");
        Require.nonNull(at, "at");
        Require.nonBlank(outcome, "outcome");
        targets = List.copyOf(targets);
    }

    public boolean succeeded() {
        return OK.equals(outcome);
    }
}
