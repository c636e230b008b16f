package org.carechat.application.port.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.carechat.application.port.AuditTrail;
import org.carechat.application.port.AuditTrail.AuditQuery;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditTrail} promises: entries kept exactly, queried by actor, by target and by
 * time range [from, to), every criterion combined, newest first, at most the limit.
 */
public abstract class AuditTrailContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:30:00.123Z");
    private static final UserId PATIENT = UserId.of("p1");
    private static final UserId DOCTOR = UserId.of("d1");
    private static final UserId ADMIN = UserId.of("admin");

    private int appended;

    /** A fresh, empty store for each test. */
    protected abstract AuditTrail create();

    @Test
    void an_empty_trail_answers_nothing() {
        AuditTrail trail = create();

        assertThat(trail.query(new AuditQuery(null, null, null, null, 10))).isEmpty();
    }

    @Test
    void an_entry_round_trips_every_field() {
        AuditTrail trail = create();
        AuditEntry entry = new AuditEntry("e_1", PATIENT, AuditAction.ATTACHMENT_DOWNLOAD,
                List.of("attachment:a_1", "conversation:c_1", "message:m_9"), T0.plusMillis(1), "not_found");

        trail.append(entry);

        List<AuditEntry> found = trail.query(new AuditQuery(null, null, null, null, 10));
        assertThat(found).containsExactly(entry);
        assertThat(found.get(0).targets()).containsExactly("attachment:a_1", "conversation:c_1", "message:m_9");
    }

    @Test
    void no_criterion_returns_every_entry_newest_first_up_to_the_limit() {
        AuditTrail trail = create();
        AuditEntry first = append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0, "conversation:c_1");
        AuditEntry third = append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(20), "conversation:c_1");
        AuditEntry second = append(trail, PATIENT, AuditAction.MARK_READ, T0.plusSeconds(10), "conversation:c_2");

        assertThat(trail.query(new AuditQuery(null, null, null, null, 10))).containsExactly(third, second, first);
        assertThat(trail.query(new AuditQuery(null, null, null, null, 2))).containsExactly(third, second);
        assertThat(trail.query(new AuditQuery(null, null, null, null, 1))).containsExactly(third);
    }

    @Test
    void query_by_actor_returns_only_that_users_entries() {
        AuditTrail trail = create();
        AuditEntry sent = append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0, "conversation:c_1");
        append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(1), "conversation:c_1");
        AuditEntry read = append(trail, PATIENT, AuditAction.MESSAGE_SEARCH, T0.plusSeconds(2));

        assertThat(trail.query(new AuditQuery(PATIENT, null, null, null, 10))).containsExactly(read, sent);
        assertThat(trail.query(new AuditQuery(ADMIN, null, null, null, 10))).isEmpty();
    }

    @Test
    void query_by_target_matches_any_of_an_entrys_targets_exactly() {
        AuditTrail trail = create();
        AuditEntry one = append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0, "conversation:c_1", "message:m_1");
        append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0.plusSeconds(1), "conversation:c_10", "message:m_2");
        AuditEntry download = append(trail, DOCTOR, AuditAction.ATTACHMENT_DOWNLOAD, T0.plusSeconds(2),
                "attachment:a_1", "conversation:c_1");
        append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(3), "conversation:c_2");

        assertThat(trail.query(new AuditQuery(null, "conversation:c_1", null, null, 10)))
                .containsExactly(download, one);
        assertThat(trail.query(new AuditQuery(null, "message:m_1", null, null, 10))).containsExactly(one);
        assertThat(trail.query(new AuditQuery(null, "conversation:c", null, null, 10))).isEmpty();
        assertThat(trail.query(new AuditQuery(null, "conversation:.*", null, null, 10))).isEmpty();
    }

    @Test
    void query_by_time_includes_from_and_excludes_to() {
        AuditTrail trail = create();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0.plusSeconds(i * 10L), "conversation:c_1"));
        }

        assertThat(trail.query(new AuditQuery(null, null, T0.plusSeconds(10), T0.plusSeconds(30), 10)))
                .containsExactly(entries.get(2), entries.get(1));
        assertThat(trail.query(new AuditQuery(null, null, T0.plusSeconds(25), null, 10)))
                .containsExactly(entries.get(4), entries.get(3));
        assertThat(trail.query(new AuditQuery(null, null, null, T0.plusSeconds(10), 10)))
                .containsExactly(entries.get(0));
        assertThat(trail.query(new AuditQuery(null, null, T0.plusSeconds(10).plusMillis(1), T0.plusSeconds(20), 10)))
                .isEmpty();
        assertThat(trail.query(new AuditQuery(null, null, T0.plusSeconds(40), T0.plusSeconds(40).plusMillis(1), 10)))
                .containsExactly(entries.get(4));
    }

    @Test
    void every_criterion_given_must_match_and_the_limit_keeps_the_newest() {
        AuditTrail trail = create();
        List<AuditEntry> matching = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            matching.add(append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(i), "conversation:c_1"));
            append(trail, PATIENT, AuditAction.HISTORY_READ, T0.plusSeconds(i), "conversation:c_1");
            append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(i), "conversation:c_2");
        }
        append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(100), "conversation:c_1");

        assertThat(trail.query(new AuditQuery(DOCTOR, "conversation:c_1", T0.plusSeconds(1), T0.plusSeconds(5), 10)))
                .containsExactly(matching.get(4), matching.get(3), matching.get(2), matching.get(1));
        assertThat(trail.query(new AuditQuery(DOCTOR, "conversation:c_1", T0.plusSeconds(1), T0.plusSeconds(5), 2)))
                .containsExactly(matching.get(4), matching.get(3));
    }

    @Test
    void deleting_before_a_cutoff_takes_the_oldest_entries_first_up_to_the_limit_keeping_the_kept_actions() {
        AuditTrail trail = create();
        AuditEntry oldest = append(trail, PATIENT, AuditAction.MESSAGE_SEND, T0, "conversation:c_1");
        AuditEntry hold = append(trail, ADMIN, AuditAction.LEGAL_HOLD_PLACE, T0.plusSeconds(1), "access:legal_hold");
        AuditEntry older = append(trail, DOCTOR, AuditAction.HISTORY_READ, T0.plusSeconds(2), "conversation:c_1");
        AuditEntry old = append(trail, DOCTOR, AuditAction.MARK_READ, T0.plusSeconds(3), "conversation:c_1");
        AuditEntry young = append(trail, DOCTOR, AuditAction.MARK_READ, T0.plusSeconds(4), "conversation:c_1");
        Set<AuditAction> keep = Set.of(AuditAction.LEGAL_HOLD_PLACE);

        assertThat(trail.deleteBefore(T0.plusSeconds(4), keep, 2)).isEqualTo(2);
        assertThat(trail.query(new AuditQuery(null, null, null, null, 10))).containsExactly(young, old, hold);
        assertThat(trail.query(new AuditQuery(null, "conversation:c_1", null, null, 10))).containsExactly(young, old);
        assertThat(trail.deleteBefore(T0.plusSeconds(4), keep, 2)).isEqualTo(1);
        assertThat(trail.deleteBefore(T0.plusSeconds(4), keep, 2)).isZero();
        assertThat(trail.query(new AuditQuery(null, null, null, null, 10))).containsExactly(young, hold);
        assertThat(List.of(oldest, older)).doesNotContainAnyElementsOf(trail.query(new AuditQuery(null, null, null,
                null, 10)));
    }

    private AuditEntry append(AuditTrail trail, UserId actor, AuditAction action, Instant at, String... targets) {
        AuditEntry entry = new AuditEntry("e_" + (++appended), actor, action, List.of(targets), at, AuditEntry.OK);
        trail.append(entry);
        return entry;
    }
}
