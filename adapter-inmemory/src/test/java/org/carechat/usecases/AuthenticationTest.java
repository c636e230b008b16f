package org.carechat.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.usecases.ChatFixture.failure;
import static org.carechat.usecases.ChatFixture.ok;

import java.time.Duration;
import org.carechat.application.auth.AuthenticateService;
import org.carechat.application.auth.AuthenticateUseCase;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.application.port.fake.TestTokens;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.carechat.domain.failure.FailureKind;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/** The token proves who calls; the directory is the authority on the people who converse. */
final class AuthenticationTest {
    private final ChatFixture fx = ChatFixture.create();
    private final AuthenticateUseCase auth = fx.core.authentication(new TestTokens(fx.time));

    @Test
    void a_valid_token_of_someone_the_directory_does_not_know_is_refused_and_audited() {
        for (String role : new String[] {"patient", "doctor", "nurse"}) {
            var refusal = failure(auth.authenticate(token("x_stranger", role)));

            assertThat(refusal.kind()).as(role).isEqualTo(FailureKind.UNAUTHORIZED);
            AuditEntry entry = fx.lastAudit();
            assertThat(entry.action()).isEqualTo(AuditAction.AUTHENTICATION);
            assertThat(entry.actor()).isEqualTo(UserId.of("x_stranger"));
            assertThat(entry.outcome()).isEqualTo("unauthorized");
        }
    }

    @Test
    void the_directory_role_wins_over_the_role_in_the_token() {
        Identity asDoctor = ok(auth.authenticate(token(fx.alice.id().value(), "doctor")));
        Identity asAdmin = ok(auth.authenticate(token(fx.alice.id().value(), "admin")));

        assertThat(asDoctor.role()).isEqualTo(Role.PATIENT);
        assertThat(asAdmin.role()).isEqualTo(Role.PATIENT);
        assertThat(asDoctor.name()).isEqualTo("Alice Martin");
    }

    @Test
    void administrators_and_services_outside_the_directory_keep_working() {
        Identity admin = ok(auth.authenticate(token("ops_root", "admin")));
        Identity service = ok(auth.authenticate(token("svc_scheduler", "service")));

        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(service.role()).isEqualTo(Role.SERVICE);
    }

    @Test
    void a_bad_or_missing_token_is_audited_under_anonymous_without_the_token() {
        String garbage = "not-a-token-but-a-secret-value";

        failure(auth.authenticate(garbage));
        failure(auth.authenticate(null));

        assertThat(fx.auditOf(AuditAction.AUTHENTICATION)).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(AuthenticateService.ANONYMOUS);
            assertThat(entry.toString()).doesNotContain(garbage);
        });
    }

    private String token(String user, String role) {
        return TestTokens.token(user, role, fx.time.instant().plus(Duration.ofHours(1)));
    }
}
