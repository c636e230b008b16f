package org.carechat.application.support;

import java.util.ArrayList;
import java.util.List;

/** The ids an audited operation touched, collected while it runs: {@code conversation:c_1}, {@code message:m_1}. */
public final class AuditTargets {
    private final List<String> targets = new ArrayList<>();

    public AuditTargets add(String kind, Object id) {
        if (id != null) {
            String target = kind + ":" + id;
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
        return this;
    }

    List<String> list() {
        return List.copyOf(targets);
    }
}
