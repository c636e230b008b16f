package org.carechat.domain.care;

import java.time.Instant;
import org.carechat.domain.common.Require;
import org.carechat.domain.user.UserId;

/**
 * A patient in care with a clinician: an appointment booked or a care episode open. It starts at
 * {@code validFrom}, may end at {@code validUntil} (exclusive, null = open-ended) and may be revoked.
 * While it is active the two may converse; afterwards their history stays readable.
 */
public record CareRelationship(UserId patient, UserId clinician, String appointmentId, Instant validFrom,
                               Instant validUntil, Instant revokedAt) {
    public static final int MAX_APPOINTMENT_ID_LENGTH = 128;

    public CareRelationship {
        Require.nonNull(patient, "patient");
        Require.nonNull(clinician, "clinician");
        Require.nonNull(validFrom, "validFrom");
        if (patient.equals(clinician)) {
            throw new IllegalArgumentException("a relationship links two different people");
        }
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (appointmentId != null && (appointmentId.isBlank() || appointmentId.length() > MAX_APPOINTMENT_ID_LENGTH)) {
            throw new IllegalArgumentException("appointmentId must be 1.." + MAX_APPOINTMENT_ID_LENGTH + " characters");
        }
    }

    public static CareRelationship open(UserId patient, UserId clinician, Instant from) {
        return new CareRelationship(patient, clinician, null, from, null, null);
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
    }

    public boolean involves(UserId user) {
        return patient.equals(user) || clinician.equals(user);
    }

    /** The other person of the relationship, seen from {@code user}. */
    public UserId counterpartOf(UserId user) {
        if (patient.equals(user)) {
            return clinician;
        }
        if (clinician.equals(user)) {
            return patient;
        }
        throw new IllegalArgumentException(user + " is not part of this relationship");
    }

    /** Opens again or extends: a revoked relationship becomes active again with the new period. */
    public CareRelationship renewed(String newAppointmentId, Instant from, Instant until) {
        return new CareRelationship(patient, clinician, newAppointmentId, from, until, null);
    }

    public CareRelationship revoked(Instant at) {
        return revokedAt != null ? this : new CareRelationship(patient, clinician, appointmentId, validFrom, validUntil, at);
    }
}
