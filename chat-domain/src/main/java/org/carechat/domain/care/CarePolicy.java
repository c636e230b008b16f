package org.carechat.domain.care;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.carechat.domain.user.User;

/**
 * The one place that says who may talk to whom. A patient and a clinician converse only while an
 * active care relationship links them; two patients never converse; admins and services never converse;
 * clinicians consult each other when the installation allows it (the default).
 *
 * <p>The policy decides about new activity (messages, typing, calls). Reading history is a matter of
 * taking part in the conversation, which survives the end of the relationship.
 */
public final class CarePolicy {
    private final boolean clinicianConsultsAllowed;

    public CarePolicy(boolean clinicianConsultsAllowed) {
        this.clinicianConsultsAllowed = clinicianConsultsAllowed;
    }

    public static CarePolicy standard() {
        return new CarePolicy(true);
    }

    public boolean clinicianConsultsAllowed() {
        return clinicianConsultsAllowed;
    }

    /**
     * May {@code from} converse with {@code to} at {@code now}?
     *
     * @param relationship the care relationship between the patient and the clinician of the pair, if any;
     *                     ignored for any other pair
     */
    public Decision mayConverse(User from, User to, Optional<CareRelationship> relationship, Instant now) {
        if (from.id().equals(to.id())) {
            return new Decision.Denied("nobody converses with themselves");
        }
        if (from.role().administers() || to.role().administers()) {
            return new Decision.Denied("administrators and services do not converse");
        }
        if (from.role().isPatient() && to.role().isPatient()) {
            return new Decision.Denied("two patients never converse");
        }
        if (from.role().isClinician() && to.role().isClinician()) {
            return clinicianConsultsAllowed
                    ? new Decision.Allowed("care-team consult")
                    : new Decision.Denied("clinician consults are disabled");
        }
        User patient = from.role().isPatient() ? from : to;
        User clinician = from.role().isPatient() ? to : from;
        Optional<CareRelationship> link = relationship
                .filter(r -> r.patient().equals(patient.id()) && r.clinician().equals(clinician.id()));
        if (link.isEmpty()) {
            return new Decision.Denied("no care relationship");
        }
        if (!link.get().isActiveAt(now)) {
            return new Decision.Denied("the care relationship is not active");
        }
        return new Decision.Allowed("active care relationship");
    }

    /**
     * May {@code user} bring something new for a conversation (upload a file) at {@code now}: is there anyone
     * they may converse with? A patient needs an active care relationship with a clinician; a clinician one with
     * a patient, or clinician consults allowed; admins and services never converse.
     *
     * @param relationships the care relationships {@code user} is part of, active or not
     */
    public Decision mayShare(User user, List<CareRelationship> relationships, Instant now) {
        if (user.role().administers()) {
            return new Decision.Denied("administrators and services do not converse");
        }
        if (user.role().isClinician() && clinicianConsultsAllowed) {
            return new Decision.Allowed("care-team consult");
        }
        boolean active = relationships.stream().anyMatch(r -> r.isActiveAt(now)
                && (user.role().isPatient() ? r.patient().equals(user.id())
                        : user.role().isClinician() && r.clinician().equals(user.id())));
        return active ? new Decision.Allowed("active care relationship")
                : new Decision.Denied("no active care relationship");
    }
}
