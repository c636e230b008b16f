package org.carechat.domain.user;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles this installation knows. Patient, admin and service are fixed; the clinician roles are
 * configurable (doctor, nurse and midwife by default).
 */
public final class Roles {
    private final Map<String, Role> byName;

    private Roles(Set<String> clinicianNames) {
        if (clinicianNames.isEmpty()) {
            throw new IllegalArgumentException("at least one clinician role is needed");
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put(Role.PATIENT.name(), Role.PATIENT);
        for (String name : clinicianNames) {
            String normalized = name.trim().toLowerCase(Locale.ROOT);
            if (normalized.isEmpty() || roles.containsKey(normalized)
                    || normalized.equals(Role.ADMIN.name()) || normalized.equals(Role.SERVICE.name())) {
                throw new IllegalArgumentException("invalid clinician role name: '" + name + "'");
            }
            roles.put(normalized, new Role(normalized, RoleKind.CLINICIAN));
        }
        roles.put(Role.ADMIN.name(), Role.ADMIN);
        roles.put(Role.SERVICE.name(), Role.SERVICE);
        this.byName = Map.copyOf(roles);
    }

    public static Roles standard() {
        return new Roles(Set.of(Role.DOCTOR.name(), Role.NURSE.name(), Role.MIDWIFE.name()));
    }

    public static Roles withClinicians(Set<String> clinicianNames) {
        return new Roles(clinicianNames);
    }

    /** The role of that name, if this installation knows it. */
    public Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    public Set<String> names() {
        return byName.keySet();
    }
}
