package org.carechat.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CHAT_JWT_SUBJECT_CLAIM and CHAT_JWT_ROLE_MAP: reading the tokens an existing login already issues. */
class TokenClaimsConfigTest {
    private static final String SECRET = "a-secret-that-is-thirty-two-bytes-long";

    private static ServerConfig load(Map<String, String> environment) {
        Map<String, String> withKey = new java.util.HashMap<>(environment);
        withKey.put("CHAT_JWT_SECRET", SECRET);
        return ServerConfig.load(withKey, List.of());
    }

    private static void assertRefused(String roleMap, String message) {
        assertThatThrownBy(() -> load(Map.of("CHAT_JWT_ROLE_MAP", roleMap)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void by_default_the_id_is_in_sub_the_role_in_role_and_no_role_is_renamed() {
        ServerConfig config = load(Map.of());

        assertThat(config.jwtSubjectClaim()).isEqualTo("sub");
        assertThat(config.jwtRoleClaim()).isEqualTo("role");
        assertThat(config.jwtRoleMap()).isEmpty();
    }

    @Test
    void a_seed_shaped_login_names_its_id_claim_and_its_role_map() {
        ServerConfig config = load(Map.of("CHAT_JWT_SUBJECT_CLAIM", "id",
                "CHAT_JWT_ROLE_MAP", "mom=patient, service_provider = nurse,midwife=midwife"));

        assertThat(config.jwtSubjectClaim()).isEqualTo("id");
        assertThat(config.jwtRoleMap()).containsExactly(Map.entry("mom", "patient"),
                Map.entry("service_provider", "nurse"), Map.entry("midwife", "midwife"));
    }

    @Test
    void the_flags_work_like_the_variables_and_win() {
        ServerConfig config = ServerConfig.load(Map.of("CHAT_JWT_SECRET", SECRET, "CHAT_JWT_SUBJECT_CLAIM", "id",
                "CHAT_JWT_ROLE_MAP", "mom=patient"), List.of("--jwt-subject-claim", "userId", "--jwt-role-map=Mom=Patient"));

        assertThat(config.jwtSubjectClaim()).isEqualTo("userId");
        assertThat(config.jwtRoleMap()).containsExactly(Map.entry("mom", "patient"));
    }

    @Test
    void role_names_in_the_map_ignore_case_and_a_trailing_comma_is_harmless() {
        ServerConfig config = load(Map.of("CHAT_JWT_ROLE_MAP", "MOM=Patient,Service_Provider=NURSE,"));

        assertThat(config.jwtRoleMap()).containsExactly(Map.entry("mom", "patient"), Map.entry("service_provider", "nurse"));
    }

    @Test
    void a_target_may_be_any_role_carechat_knows_including_a_configured_clinician_role() {
        ServerConfig config = load(Map.of("CHAT_CLINICIAN_ROLES", "doctor,provider",
                "CHAT_JWT_ROLE_MAP", "service_provider=provider,superuser=admin,integration=service,mom=patient"));

        assertThat(config.jwtRoleMap()).containsEntry("service_provider", "provider").containsEntry("superuser", "admin")
                .containsEntry("integration", "service");
    }

    @Test
    void a_pair_without_an_equals_sign_or_with_two_is_refused() {
        assertRefused("mom", "CHAT_JWT_ROLE_MAP: 'mom' is not a pair tokenRole=carechatRole "
                + "(as in mom=patient,service_provider=nurse)");
        assertRefused("mom=patient,nurse", "CHAT_JWT_ROLE_MAP: 'nurse' is not a pair tokenRole=carechatRole "
                + "(as in mom=patient,service_provider=nurse)");
        assertRefused("mom=patient=nurse", "CHAT_JWT_ROLE_MAP: 'mom=patient=nurse' is not a pair tokenRole=carechatRole "
                + "(as in mom=patient,service_provider=nurse)");
        assertRefused("mom:patient", "CHAT_JWT_ROLE_MAP: 'mom:patient' is not a pair tokenRole=carechatRole "
                + "(as in mom=patient,service_provider=nurse)");
    }

    @Test
    void a_pair_with_an_empty_side_is_refused() {
        assertRefused("mom=", "CHAT_JWT_ROLE_MAP: 'mom=' has an empty side; write tokenRole=carechatRole");
        assertRefused("=patient", "CHAT_JWT_ROLE_MAP: '=patient' has an empty side; write tokenRole=carechatRole");
        assertRefused(" = ", "CHAT_JWT_ROLE_MAP: '=' has an empty side; write tokenRole=carechatRole");
    }

    @Test
    void a_token_role_given_twice_is_refused_even_in_another_case() {
        assertRefused("mom=patient,mom=patient",
                "CHAT_JWT_ROLE_MAP maps 'mom' twice (role names ignore case); give each token role once");
        assertRefused("mom=patient,MOM=nurse",
                "CHAT_JWT_ROLE_MAP maps 'mom' twice (role names ignore case); give each token role once");
    }

    @Test
    void a_target_carechat_does_not_know_is_refused_naming_the_roles_it_does() {
        assertRefused("mom=mother", "CHAT_JWT_ROLE_MAP maps 'mom' to 'mother', which is not a CareChat role; the roles "
                + "are patient, admin, service and the clinician roles of CHAT_CLINICIAN_ROLES (doctor, midwife, nurse)");
        assertThatThrownBy(() -> load(Map.of("CHAT_CLINICIAN_ROLES", "doctor", "CHAT_JWT_ROLE_MAP",
                "service_provider=nurse")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maps 'service_provider' to 'nurse'").hasMessageContaining("(doctor)");
    }

    @Test
    void the_id_and_the_role_cannot_be_read_from_the_same_claim() {
        assertThatThrownBy(() -> load(Map.of("CHAT_JWT_SUBJECT_CLAIM", "role")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHAT_JWT_SUBJECT_CLAIM and CHAT_JWT_ROLE_CLAIM must name different claims; both are 'role'");
    }

    @Test
    void an_empty_subject_claim_or_role_map_counts_as_unset() {
        ServerConfig config = load(Map.of("CHAT_JWT_SUBJECT_CLAIM", " ", "CHAT_JWT_ROLE_MAP", ""));

        assertThat(config.jwtSubjectClaim()).isEqualTo("sub");
        assertThat(config.jwtRoleMap()).isEmpty();
    }
}
