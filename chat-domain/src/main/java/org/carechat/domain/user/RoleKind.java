package org.carechat.domain.user;

/** What a role means to the care policy: the policy reasons about kinds, not about role names. */
public enum RoleKind {
    /** Receives care; converses only with clinicians they are in care with. */
    PATIENT,
    /** Gives care: doctors, nurses, midwives and any role the clinic adds. */
    CLINICIAN,
    /** Manages the directory and the care relationships; never converses. */
    ADMIN,
    /** A clinic backend acting through the administration API; never converses. */
    SERVICE
}
