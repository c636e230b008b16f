package org.carechat.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class AuditEntryTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final UserId ACTOR = UserId.of("d1");

    @Test
    void an_entry_succeeded_only_when_its_outcome_is_ok() {
        assertThat(new AuditEntry("e1", ACTOR, AuditAction.HISTORY_READ, List.of("conversation:c_1"), T0, AuditEntry.OK)
                .succeeded()).isTrue();
        assertThat(new AuditEntry("e2", ACTOR, AuditAction.MESSAGE_SEND, List.of(), T0, "forbidden").succeeded()).isFalse();
    }

    @Test
    void the_targets_of_an_entry_cannot_change_afterwards() {
        List<String> targets = new ArrayList<>(List.of("conversation:c_1"));
        AuditEntry entry = new AuditEntry("e1", ACTOR, AuditAction.MARK_READ, targets, T0, AuditEntry.OK);

        targets.add("message:m_9");

        assertThat(entry.targets()).containsExactly("conversation:c_1");
        assertThatThrownBy(() -> entry.targets().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_entry_needs_an_id_and_an_outcome() {
        assertThatThrownBy(() -> new AuditEntry(" ", ACTOR, AuditAction.MARK_READ, List.of(), T0, AuditEntry.OK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEntry("e1", ACTOR, AuditAction.MARK_READ, List.of(), T0, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void action_wire_names_are_lower_snake_case() {
        assertThat(AuditAction.CARE_RELATIONSHIP_REVOKE.wireName()).isEqualTo("care_relationship_revoke");
    }
}
