package org.carechat.domain.user;

import org.carechat.domain.common.Require;

/**
 * A role as named in tokens and in the directory ({@code patient}, {@code doctor}, ...), with the kind the
 * care policy reasons about.
 */
public record Role(String name, RoleKind kind) {
    public static final Role PATIENT = new Role("patient", RoleKind.PATIENT);
    public static final Role DOCTOR = new Role("doctor", RoleKind.CLINICIAN);
    public static final Role NURSE = new Role("nurse", RoleKind.CLINICIAN);
    public static final Role MIDWIFE = new Role("midwife", RoleKind.CLINICIAN);
    public static final Role ADMIN = new Role("admin", RoleKind.ADMIN);
    public static final Role SERVICE = new Role("service", RoleKind.SERVICE);

    public Role {
        Require.nonBlank(name, "name");
        Require.nonNull(kind, "kind");
    }

    public boolean isPatient() {
        return kind == RoleKind.PATIENT;
    }

    public boolean isClinician() {
        return kind == RoleKind.CLINICIAN;
    }

    /** Admins and services manage CareChat; they never take part in a conversation. */
    public boolean administers() {
        return kind == RoleKind.ADMIN || kind == RoleKind.SERVICE;
    }

    @Override
    public String toString() {
        return name;
    }
}
