package org.carechat.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.jwt.Tokens.CLOCK;
import static org.carechat.adapter.jwt.Tokens.NOW;
import static org.carechat.adapter.jwt.Tokens.SECRET;
import static org.carechat.adapter.jwt.Tokens.hs256;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

/**
 * Tokens shaped like those of the clinics' existing logins (Node servers with {@code jsonwebtoken}, HS256,
 * {@code {id, role, iat, exp}}): the user id in {@code id}, a Mongo ObjectId as a string or an SQL row id as a
 * number, and the login's own role names ({@code mom}, {@code service_provider}) mapped to CareChat's.
 */
class SeedShapedTokensTest {
    private static final String OBJECT_ID = "64b7f0c2e13a4a0012345678";

    private final JwtSettings defaults = JwtSettings.hs256(SECRET, Roles.standard());
    private final JwtSettings seedSettings = defaults.withSubjectClaim("id")
            .withRoleMap(Map.of("mom", "patient", "service_provider", "nurse"));
    private final NimbusTokenVerifier seed = new NimbusTokenVerifier(seedSettings, CLOCK);

    /** {@code {id, role, iat, exp}} and nothing else: no {@code sub}, no {@code name}. */
    private static JWTClaimsSet.Builder seedClaims(Object id, Object role) {
        return new JWTClaimsSet.Builder()
                .claim("id", id)
                .claim("role", role)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(30 * 24 * 3600)));
    }

    @Test
    void a_seed_shaped_token_with_its_id_in_id_and_a_mapped_role_is_accepted() {
        Identity identity = seed.verify(hs256(seedClaims(OBJECT_ID, "mom").build())).orThrow();

        assertThat(identity.userId()).isEqualTo(UserId.of(OBJECT_ID));
        assertThat(identity.role()).isEqualTo(Role.PATIENT);
        assertThat(identity.name()).isNull();
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(30 * 24 * 3600));
    }

    @Test
    void a_numeric_id_is_read_as_its_decimal_text() {
        Identity identity = seed.verify(hs256(seedClaims(1042, "doctor").build())).orThrow();
        Identity large = seed.verify(hs256(seedClaims(9_007_199_254_740_993L, "doctor").build())).orThrow();

        assertThat(identity.userId()).isEqualTo(UserId.of("1042"));
        assertThat(large.userId()).isEqualTo(UserId.of("9007199254740993"));
    }

    @Test
    void a_numeric_id_written_by_hand_is_read_as_its_decimal_text() {
        String token = Tokens.hmacByHand("HS256", "HmacSHA256", SECRET,
                "{\"id\":17,\"role\":\"mom\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                        + NOW.plusSeconds(60).getEpochSecond() + "}");

        assertThat(seed.verify(token).orThrow().userId()).isEqualTo(UserId.of("17"));
    }

    @Test
    void a_numeric_sub_is_read_the_same_way_as_any_configured_claim() {
        String token = Tokens.hmacByHand("HS256", "HmacSHA256", SECRET,
                "{\"sub\":17,\"role\":\"patient\",\"exp\":" + NOW.plusSeconds(60).getEpochSecond() + "}");

        assertThat(new NimbusTokenVerifier(defaults, CLOCK).verify(token).orThrow().userId())
                .isEqualTo(UserId.of("17"));
    }

    @Test
    void a_token_without_the_configured_id_claim_is_refused_even_with_a_sub() {
        JWTClaimsSet withSubOnly = seedClaims(null, "mom").subject("p-1").build();

        assertRefused(seed, hs256(withSubOnly), "missing subject");
    }

    @Test
    void an_id_that_is_an_object_a_list_a_boolean_or_a_fraction_is_refused() {
        assertRefused(seed, hs256(seedClaims(Map.of("$oid", OBJECT_ID), "mom").build()), "malformed subject");
        assertRefused(seed, hs256(seedClaims(List.of(OBJECT_ID), "mom").build()), "malformed subject");
        assertRefused(seed, hs256(seedClaims(true, "mom").build()), "malformed subject");
        assertRefused(seed, hs256(seedClaims(10.5, "mom").build()), "malformed subject");
    }

    @Test
    void an_id_that_is_not_a_well_formed_id_is_refused() {
        assertRefused(seed, hs256(seedClaims("", "mom").build()), "malformed subject");
        assertRefused(seed, hs256(seedClaims("a b", "mom").build()), "malformed subject");
    }

    @Test
    void each_mapped_role_becomes_its_carechat_role_ignoring_case() {
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, "service_provider").build())).orThrow().role())
                .isEqualTo(Role.NURSE);
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, "Mom").build())).orThrow().role())
                .isEqualTo(Role.PATIENT);
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, " SERVICE_PROVIDER ").build())).orThrow().role())
                .isEqualTo(Role.NURSE);
    }

    @Test
    void a_role_the_map_does_not_name_passes_through_unchanged() {
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, "doctor").build())).orThrow().role())
                .isEqualTo(Role.DOCTOR);
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, "midwife").build())).orThrow().role())
                .isEqualTo(Role.MIDWIFE);
        assertThat(seed.verify(hs256(seedClaims(OBJECT_ID, "patient").build())).orThrow().role())
                .isEqualTo(Role.PATIENT);
        assertRefused(seed, hs256(seedClaims(OBJECT_ID, "receptionist").build()), "unknown role");
    }

    @Test
    void a_map_may_rename_to_a_configured_clinician_role() {
        JwtSettings custom = JwtSettings.hs256(SECRET, Roles.withClinicians(Set.of("doctor", "provider")))
                .withSubjectClaim("userId").withRoleMap(Map.of("service_provider", "provider", "mom", "patient"));

        Identity identity = new NimbusTokenVerifier(custom, CLOCK)
                .verify(hs256(new JWTClaimsSet.Builder().claim("userId", "u-9").claim("role", "service_provider")
                        .expirationTime(Date.from(NOW.plusSeconds(60))).build())).orThrow();

        assertThat(identity.userId()).isEqualTo(UserId.of("u-9"));
        assertThat(identity.role().name()).isEqualTo("provider");
        assertThat(identity.role().isClinician()).isTrue();
    }

    @Test
    void the_default_settings_still_read_sub_and_ignore_an_id_claim() {
        NimbusTokenVerifier standard = new NimbusTokenVerifier(defaults, CLOCK);

        assertThat(defaults.subjectClaim()).isEqualTo("sub");
        assertThat(defaults.roleMap()).isEmpty();
        assertThat(standard.verify(hs256(Tokens.claims().claim("id", "other").build())).orThrow().userId())
                .isEqualTo(UserId.of("p-1"));
        assertRefused(standard, hs256(seedClaims(OBJECT_ID, "patient").build()), "missing subject");
        assertRefused(standard, hs256(seedClaims(OBJECT_ID, "mom").build()), "missing subject");
        assertRefused(standard, hs256(Tokens.claims().claim("role", "mom").build()), "unknown role");
    }

    @Test
    void the_signature_expiry_and_audience_are_still_checked_on_a_seed_shaped_token() {
        NimbusTokenVerifier checking = new NimbusTokenVerifier(seedSettings.withAudience("carechat"), CLOCK);
        JWTClaimsSet expired = seedClaims(OBJECT_ID, "mom").expirationTime(Date.from(NOW.minusSeconds(120))).build();

        assertRefused(seed, hs256(seedClaims(OBJECT_ID, "mom").build(),
                "another-secret-of-thirty-two-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "bad signature");
        assertRefused(seed, hs256(expired), "token expired");
        assertRefused(checking, hs256(seedClaims(OBJECT_ID, "mom").build()), "wrong audience");
    }

    @Test
    void the_role_map_is_kept_lower_case_and_refuses_empty_names_duplicates_and_unknown_targets() {
        Map<String, String> mixed = new LinkedHashMap<>();
        mixed.put(" Mom ", "Patient");
        assertThat(defaults.withRoleMap(mixed).roleMap()).containsExactly(Map.entry("mom", "patient"));

        assertThatThrownBy(() -> defaults.withRoleMap(Map.of("mom", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty role name");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("mom", "patient");
        twice.put("MOM", "nurse");
        assertThatThrownBy(() -> defaults.withRoleMap(twice))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mom' twice");
        assertThatThrownBy(() -> defaults.withRoleMap(Map.of("mom", "mother")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the role map maps 'mom' to 'mother', which is not a role CareChat knows");
    }

    @Test
    void the_subject_claim_must_be_named_and_differ_from_the_role_claim() {
        assertThatThrownBy(() -> defaults.withSubjectClaim(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSubjectClaim("role"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different claims");
        assertThat(defaults.withClaims("role", "kind").subjectClaim()).isEqualTo("role");
    }

    @Test
    void the_role_map_and_subject_claim_show_in_the_description_but_the_secret_does_not() {
        assertThat(seedSettings.toString()).contains("subjectClaim=id", "mom=patient").doesNotContain(
                new String(SECRET, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void the_demo_issuer_writes_the_id_in_the_configured_claim_so_its_tokens_verify() throws Exception {
        HmacTokenIssuer issuer = HmacTokenIssuer.forSettings(seedSettings, CLOCK);

        String token = issuer.issue("p-1", "patient", "Pat", Duration.ofMinutes(5));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();

        assertThat(claims.getClaim("id")).isEqualTo("p-1");
        assertThat(claims.getSubject()).isNull();
        assertThat(seed.verify(token).orThrow().userId()).isEqualTo(UserId.of("p-1"));
    }

    @Test
    void the_issuer_refuses_a_subject_claim_that_is_blank_or_the_role_claim() {
        assertThatThrownBy(() -> new HmacTokenIssuer(SECRET, null, null, " ", "role", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HmacTokenIssuer(SECRET, null, null, "role", "role", CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefused(NimbusTokenVerifier verifier, String token, String reason) {
        Result<Identity> result = verifier.verify(token);
        assertThat(result.isOk()).as("refused: " + reason).isFalse();
        assertThat(result.failure()).isEqualTo(new ChatFailure.Unauthorized(reason));
    }
}
