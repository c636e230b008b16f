package org.carechat.application.port;

import org.carechat.domain.care.CareRelationship;

/** Care relationships that CareChat itself keeps, opened, extended and revoked through administration. */
public interface CareRelationshipStore extends CareRelationships {

    /** Stores the relationship, replacing the one of the same patient and clinician. */
    void save(CareRelationship relationship);
}
