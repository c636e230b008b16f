package org.carechat.application.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.carechat.application.Actor;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.CareRelationshipStore;
import org.carechat.application.port.Directory;
import org.carechat.application.port.DirectoryStore;
import org.carechat.application.support.Audit;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.care.CareRelationship;
import org.carechat.domain.common.Ids;
import org.carechat.domain.common.Text;
import org.carechat.domain.failure.Refusal;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.User;
import org.carechat.domain.user.UserId;

/**
 * Administration: the directory, the care relationships and the audit trail, for admins and services
 * only. Where the clinic manages the directory or the relationships in its own systems (read-only ports),
 * changing them here is a conflict.
 */
public final class AdminService implements UpsertUserUseCase, OpenCareRelationshipUseCase,
        RevokeCareRelationshipUseCase, QueryAuditUseCase {
    public static final int DEFAULT_AUDIT_LIMIT = 100;
    public static final int MAX_AUDIT_LIMIT = 1000;
    public static final int MAX_SPECIALTY_LENGTH = 200;

    private final Directory directory;
    private final DirectoryStore directoryStore;
    private final CareRelationshipStore relationshipStore;
    private final AuditTrail trail;
    private final Audit audit;
    private final Roles roles;
    private final Clock clock;
    private final Consumer<CareRelationship> careChanged;

    /**
     * {@code directoryStore} and {@code relationshipStore} are null when the clinic manages them elsewhere;
     * {@code careChanged} hears of every relationship opened, extended or revoked here, once it is stored.
     */
    public AdminService(Directory directory, DirectoryStore directoryStore, CareRelationshipStore relationshipStore,
                        AuditTrail trail, Audit audit, Roles roles, Clock clock, Consumer<CareRelationship> careChanged) {
        this.directory = directory;
        this.directoryStore = directoryStore;
        this.relationshipStore = relationshipStore;
        this.trail = trail;
        this.audit = audit;
        this.roles = roles;
        this.clock = clock;
        this.careChanged = careChanged;
    }

    @Override
    public Result<User> upsert(UpsertUser command) {
        return audit.run(command.actor(), AuditAction.USER_UPSERT, unit -> {
            unit.add("user", command.userId());
            requireAdministrator(command.actor());
            if (directoryStore == null) {
                throw Refusal.conflict("the directory is managed by the clinic's own system");
            }
            if (command.userId() == null) {
                throw Refusal.invalid("the user id is missing");
            }
            Text.requireWellFormed(command.name(), "name");
            Text.requireWellFormed(command.role(), "role");
            Text.requireWellFormed(command.specialty(), "specialty");
            String name = command.name() == null ? "" : command.name().strip();
            if (name.isEmpty() || name.length() > User.MAX_NAME_LENGTH) {
                throw Refusal.invalid("name must be 1.." + User.MAX_NAME_LENGTH + " characters");
            }
            Role role = roles.named(command.role())
                    .orElseThrow(() -> Refusal.invalid("role must be one of " + roles.names()));
            String specialty = command.specialty() == null ? null : command.specialty().strip();
            if (specialty != null && specialty.length() > MAX_SPECIALTY_LENGTH) {
                throw Refusal.invalid("specialty must be at most " + MAX_SPECIALTY_LENGTH + " characters");
            }
            User user = new User(command.userId(), name, role, specialty);
            unit.save(user);
            return user;
        });
    }

    @Override
    public Result<CareRelationship> open(OpenCareRelationship command) {
        return audit.run(command.actor(), AuditAction.CARE_RELATIONSHIP_OPEN, unit -> {
            unit.add("user", command.patientId()).add("user", command.clinicianId());
            requireAdministrator(command.actor());
            CareRelationshipStore store = relationshipStore();
            requirePair(command.patientId(), command.clinicianId());
            Text.requireWellFormed(command.appointmentId(), "appointmentId");
            String appointment = command.appointmentId() == null || command.appointmentId().isBlank() ? null
                    : command.appointmentId().strip();
            if (appointment != null && appointment.length() > CareRelationship.MAX_APPOINTMENT_ID_LENGTH) {
                throw Refusal.invalid("appointmentId must be at most " + CareRelationship.MAX_APPOINTMENT_ID_LENGTH + " characters");
            }
            Instant from = command.validFrom() == null ? clock.instant() : command.validFrom();
            if (command.validUntil() != null && !command.validUntil().isAfter(from)) {
                throw Refusal.invalid("validUntil must be after validFrom");
            }
            CareRelationship relationship = store.between(command.patientId(), command.clinicianId())
                    .map(existing -> existing.renewed(appointment, from, command.validUntil()))
                    .orElseGet(() -> new CareRelationship(command.patientId(), command.clinicianId(), appointment,
                            from, command.validUntil(), null));
            unit.save(relationship).afterCommit(() -> careChanged.accept(relationship));
            return relationship;
        });
    }

    @Override
    public Result<CareRelationship> revoke(RevokeCareRelationship command) {
        return audit.run(command.actor(), AuditAction.CARE_RELATIONSHIP_REVOKE, unit -> {
            unit.add("user", command.patientId()).add("user", command.clinicianId());
            requireAdministrator(command.actor());
            CareRelationshipStore store = relationshipStore();
            if (command.patientId() == null || command.clinicianId() == null) {
                throw Refusal.invalid("patientId and clinicianId are required");
            }
            CareRelationship revoked = store.between(command.patientId(), command.clinicianId())
                    .orElseThrow(() -> Refusal.notFound("care relationship"))
                    .revoked(clock.instant());
            unit.save(revoked).afterCommit(() -> careChanged.accept(revoked));
            return revoked;
        });
    }

    @Override
    public Result<List<AuditEntry>> query(QueryAudit command) {
        return audit.run(command.actor(), AuditAction.AUDIT_READ, unit -> {
            unit.add("user", command.userId());
            requireAdministrator(command.actor());
            if (command.from() != null && command.to() != null && !command.to().isAfter(command.from())) {
                throw Refusal.invalid("to must be after from");
            }
            if (command.target() != null && !isTarget(command.target())) {
                throw Refusal.invalid("target must look like kind:id");
            }
            int limit = command.limit() == null ? DEFAULT_AUDIT_LIMIT : command.limit();
            if (limit < 1) {
                throw Refusal.invalid("limit must be at least 1");
            }
            return trail.query(new AuditTrail.AuditQuery(command.userId(), command.target(), command.from(), command.to(),
                    Math.min(limit, MAX_AUDIT_LIMIT)));
        });
    }

    private static boolean isTarget(String target) {
        int colon = target.indexOf(':');
        return colon > 0 && target.substring(0, colon).matches("[a-z]+(_[a-z]+)*") && Ids.isWellFormed(target.substring(colon + 1));
    }

    public static void requireAdministrator(Actor actor) {
        if (!actor.role().administers()) {
            throw Refusal.forbidden("administration is for admins and services");
        }
    }

    private CareRelationshipStore relationshipStore() {
        if (relationshipStore == null) {
            throw Refusal.conflict("care relationships are managed by the clinic's own system");
        }
        return relationshipStore;
    }

    private void requirePair(UserId patientId, UserId clinicianId) {
        if (patientId == null || clinicianId == null) {
            throw Refusal.invalid("patientId and clinicianId are required");
        }
        User patient = directory.find(patientId).orElseThrow(() -> Refusal.invalid("unknown patient " + patientId));
        User clinician = directory.find(clinicianId).orElseThrow(() -> Refusal.invalid("unknown clinician " + clinicianId));
        if (!patient.role().isPatient()) {
            throw Refusal.invalid(patientId + " is not a patient");
        }
        if (!clinician.role().isClinician()) {
            throw Refusal.invalid(clinicianId + " is not a clinician");
        }
    }
}
