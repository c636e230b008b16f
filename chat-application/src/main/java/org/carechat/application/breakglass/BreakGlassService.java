package org.carechat.application.breakglass;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.carechat.application.admin.AdminService;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.application.port.CareRelationships;
import org.carechat.application.port.Conversations;
import org.carechat.application.port.Directory;
import org.carechat.application.support.Audit;
import org.carechat.application.support.BreakGlassGrants;
import org.carechat.application.support.CareTeam;
import org.carechat.application.support.PageLimits;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.BreakGlassPolicy;
import org.carechat.domain.conversation.Conversation;
import org.carechat.domain.event.ChatEvent;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Opens break-glass access (clinicians only, a patient they are not in care with, a reason) and lists the
 * accesses for review (admins and services). The grant is the audit entry itself ({@link BreakGlassGrants}).
 */
public final class BreakGlassService implements BreakGlassUseCase, ReviewBreakGlassUseCase {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Directory directory;
    private final CareRelationships relationships;
    private final Conversations conversations;
    private final AuditTrail trail;
    private final Audit audit;
    private final BreakGlassPolicy policy;
    private final java.time.Clock clock;
    private final PageLimits limits = new PageLimits(MAX_LIMIT);

    public BreakGlassService(Directory directory, CareRelationships relationships, Conversations conversations,
                             AuditTrail trail, Audit audit, BreakGlassPolicy policy, java.time.Clock clock) {
        this.directory = directory;
        this.relationships = relationships;
        this.conversations = conversations;
        this.trail = trail;
        this.audit = audit;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Result<BreakGlassGrant> open(OpenBreakGlass command) {
        return audit.run(command.actor(), AuditAction.BREAK_GLASS_OPEN, unit -> {
            unit.add(BreakGlassGrants.ACCESS_KIND, BreakGlassGrants.ACCESS_ID);
            if (command.patientId() == null) {
                throw Refusal.invalid("the patient id is missing");
            }
            unit.add(BreakGlassGrants.PATIENT_KIND, command.patientId());
            if (!command.actor().role().isClinician()) {
                throw Refusal.forbidden("break-glass access is for clinicians");
            }
            String reason = BreakGlassPolicy.requireReason(command.reason());
            unit.add(BreakGlassGrants.REASON_KIND, reason);
            User patient = directory.find(command.patientId()).filter(user -> user.role().isPatient())
                    .orElseThrow(() -> Refusal.notFound("patient"));
            Instant now = clock.instant();
            if (relationships.between(patient.id(), command.actor().id()).filter(care -> care.isActiveAt(now)).isPresent()) {
                throw Refusal.conflict("you are in care with this patient: break-glass access is not needed");
            }
            Instant until = now.plus(policy.duration());
            unit.add(BreakGlassGrants.UNTIL_KIND, until);
            if (policy.announceToCareTeam()) {
                Set<UserId> team = CareTeam.of(relationships, patient.id(), now);
                team.remove(command.actor().id());
                if (!team.isEmpty()) {
                    String name = directory.find(command.actor().id()).map(User::name).orElse(command.actor().id().value());
                    unit.tell(team, new ChatEvent.BreakGlassOpened(command.actor().id(), name, patient.id(), reason, until), null);
                }
            }
            List<Conversation> theirs = conversations.ofParticipant(patient.id());
            return new BreakGlassGrant(command.actor().id(), patient.id(), reason, now, until,
                    theirs.stream().map(Conversation::id).toList());
        });
    }

    @Override
    public Result<List<BreakGlassRecord>> review(ReviewBreakGlass command) {
        return audit.run(command.actor(), AuditAction.AUDIT_READ, unit -> {
            // not access:break_glass, which would list the reviews among the accesses
            unit.add("review", "break_glass").add("user", command.patientId());
            AdminService.requireAdministrator(command.actor());
            if (command.from() != null && command.to() != null && !command.to().isAfter(command.from())) {
                throw Refusal.invalid("to must be after from");
            }
            int limit = limits.of(command.limit(), DEFAULT_LIMIT);
            String target = command.patientId() == null ? BreakGlassGrants.ACCESS : BreakGlassGrants.patientTarget(command.patientId());
            List<AuditEntry> entries = trail.query(new AuditQuery(null, target, command.from(), command.to(), limit));
            return entries.stream().filter(entry -> entry.action() == AuditAction.BREAK_GLASS_OPEN)
                    .map(BreakGlassService::record).toList();
        });
    }

    private static BreakGlassRecord record(AuditEntry entry) {
        String patient = BreakGlassGrants.value(entry, BreakGlassGrants.PATIENT_KIND);
        return new BreakGlassRecord(entry.id(), entry.actor(), patient == null ? null : UserId.of(patient),
                BreakGlassGrants.value(entry, BreakGlassGrants.REASON_KIND), entry.at(), BreakGlassGrants.grantedUntil(entry), entry.outcome());
    }
}
