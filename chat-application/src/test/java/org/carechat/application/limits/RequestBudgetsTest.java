package org.carechat.application.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.carechat.application.Actor;
import org.carechat.application.SessionId;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class RequestBudgetsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final RequestBudgets budgets = new RequestBudgets(
            new RateLimits(new RateLimits.Budget(2, 3), new RateLimits.Budget(10, 20)), clock);
    private final Actor patient = Actor.of(UserId.of("p1"), Role.PATIENT);

    @Test
    void one_user_has_one_budget_whatever_session_or_door_asks() {
        Actor phone = patient.in(new SessionId("phone"));
        Actor laptop = patient.in(new SessionId("laptop"));

        assertThat(budgets.admit(phone)).isZero();
        assertThat(budgets.admit(laptop)).isZero();
        assertThat(budgets.admit(patient)).isZero();

        assertThat(budgets.admit(phone)).isEqualTo(500);
        assertThat(budgets.admit(laptop)).isEqualTo(500);
        clock.advance(Duration.ofMillis(500));
        assertThat(budgets.admit(laptop)).isZero();
    }

    @Test
    void other_users_have_budgets_of_their_own() {
        for (int i = 0; i < 3; i++) {
            budgets.admit(patient);
        }

        assertThat(budgets.admit(patient)).isPositive();
        assertThat(budgets.admit(Actor.of(UserId.of("p2"), Role.PATIENT))).isZero();
    }

    @Test
    void administrators_and_services_have_the_larger_budget() {
        Actor service = Actor.of(UserId.of("svc"), Role.SERVICE);
        for (int i = 0; i < 20; i++) {
            assertThat(budgets.admit(service)).as("request %d", i).isZero();
        }

        assertThat(budgets.admit(service)).isEqualTo(100);
    }

    @Test
    void budgets_of_users_who_went_quiet_are_forgotten() {
        budgets.admit(patient);
        clock.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 200_000; i++) {
            budgets.admit(Actor.of(UserId.of("u" + (i % 50)), Role.PATIENT));
        }

        assertThat(budgets.tracked()).isEqualTo(50);
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
