package org.carechat.application.support;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.BreakGlassPolicy;
import org.carechat.domain.user.UserId;

/**
 * The break-glass grants, read from the audit trail: a grant is its audit entry ({@link AuditAction#BREAK_GLASS_OPEN},
 * outcome ok), so there is no access without its record, the grant outlives a restart and every node of a cluster
 * sees it. An entry names the patient ({@code break_glass:<patient>}), the reason and the end ({@code until:...}).
 */
public final class BreakGlassGrants {
    /** The kinds of a grant's audit targets: {@code access:break_glass}, then the patient, the reason and the end. */
    public static final String ACCESS_KIND = "access";
    public static final String ACCESS_ID = "break_glass";
    public static final String PATIENT_KIND = "break_glass";
    public static final String REASON_KIND = "reason";
    public static final String UNTIL_KIND = "until";
    /** The target every grant carries, for listing them all. */
    public static final String ACCESS = ACCESS_KIND + ":" + ACCESS_ID;
    /** How many of a clinician's recent entries about one patient are looked at. */
    private static final int RECENT = 50;

    private final AuditTrail trail;
    private final BreakGlassPolicy policy;
    private final Clock clock;

    public BreakGlassGrants(AuditTrail trail, BreakGlassPolicy policy, Clock clock) {
        this.trail = trail;
        this.policy = policy;
        this.clock = clock;
    }

    public static String patientTarget(UserId patient) {
        return PATIENT_KIND + ":" + patient.value();
    }

    /** Until when {@code clinician} may read {@code patient}'s conversations by break-glass; empty when not now. */
    public Optional<Instant> activeUntil(UserId clinician, UserId patient) {
        Instant now = clock.instant();
        // a grant is at most one duration old; one opened before a shorter duration was configured ends by its own record
        var query = new AuditQuery(clinician, patientTarget(patient), now.minus(policy.duration()), null, RECENT);
        Instant latest = null;
        for (AuditEntry entry : trail.query(query)) {
            Instant until = grantedUntil(entry);
            if (until != null && until.isAfter(now) && (latest == null || until.isAfter(latest))) {
                latest = until;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The end of the access {@code entry} granted, or null when it granted none (refused, or another action). */
    public static Instant grantedUntil(AuditEntry entry) {
        if (entry.action() != AuditAction.BREAK_GLASS_OPEN || !entry.succeeded()) {
            return null;
        }
        String until = value(entry, UNTIL_KIND);
        try {
            return until == null ? null : Instant.parse(until);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The value of the first target of {@code entry} of this kind ({@link #REASON_KIND}), or null. */
    public static String value(AuditEntry entry, String kind) {
        String prefix = kind + ":";
        return entry.targets().stream().filter(target -> target.startsWith(prefix)).findFirst()
                .map(target -> target.substring(prefix.length())).orElse(null);
    }
}
