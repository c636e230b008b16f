package org.carechat.adapter.jwt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.jwt.Tokens.NOW;
import static org.carechat.adapter.jwt.Tokens.SECRET;
import static org.carechat.adapter.jwt.Tokens.claims;
import static org.carechat.adapter.jwt.Tokens.hs256;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hs256VerificationTest {
    private final JwtSettings settings = JwtSettings.hs256(SECRET, Roles.standard());
    private final NimbusTokenVerifier verifier = new NimbusTokenVerifier(settings, Tokens.CLOCK);

    @Test
    void a_valid_token_proves_subject_role_name_and_expiry() {
        Identity identity = verifier.verify(hs256(claims().build())).orThrow();

        assertThat(identity.userId()).isEqualTo(UserId.of("p-1"));
        assertThat(identity.role()).isEqualTo(Role.PATIENT);
        assertThat(identity.name()).isEqualTo("Pat");
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void the_name_claim_is_optional() {
        Identity identity = verifier.verify(hs256(claims().claim("name", null).claim("role", "doctor").build()))
                .orThrow();

        assertThat(identity.name()).isNull();
        assertThat(identity.role()).isEqualTo(Role.DOCTOR);
    }

    @Test
    void an_unsecured_alg_none_token_is_refused() {
        String token = Tokens.unsecured("{\"alg\":\"none\",\"typ\":\"JWT\"}", Tokens.validPayloadJson());

        assertRefused(token, "algorithm not accepted");
    }

    @Test
    void alg_none_spelled_in_capitals_is_refused() {
        String token = Tokens.unsecured("{\"alg\":\"NONE\"}", Tokens.validPayloadJson());

        assertRefused(token, "algorithm not accepted");
    }

    @Test
    void an_hs512_token_signed_with_the_very_same_secret_is_refused() {
        String token = Tokens.hmacByHand("HS512", "HmacSHA512", SECRET, Tokens.validPayloadJson());

        assertRefused(token, "algorithm not accepted");
    }

    @Test
    void the_hand_made_hs256_signature_is_accepted_so_the_hs512_refusal_is_about_the_algorithm() {
        String token = Tokens.hmacByHand("HS256", "HmacSHA256", SECRET, Tokens.validPayloadJson());

        assertThat(verifier.verify(token).isOk()).isTrue();
    }

    @Test
    void an_rs256_token_is_refused_when_hs256_is_pinned() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String token = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), null, claims().build());

        assertRefused(token, "algorithm not accepted");
    }

    @Test
    void a_token_signed_with_another_secret_has_a_bad_signature() {
        String token = hs256(claims().build(), "another-secret-of-at-least-32-bytes!".getBytes(US_ASCII));

        assertRefused(token, "bad signature");
    }

    @Test
    void a_token_whose_claims_were_changed_after_signing_has_a_bad_signature() {
        String[] parts = hs256(claims().build()).split("\\.");
        String forged = parts[0] + "." + Tokens.b64(claims().claim("role", "admin").build().toString()) + "." + parts[2];

        assertRefused(forged, "bad signature");
    }

    @Test
    void a_token_with_a_flipped_signature_character_has_a_bad_signature() {
        String token = hs256(claims().build());
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertRefused(forged, "bad signature");
    }

    @Test
    void a_token_expired_61_seconds_ago_is_refused() {
        assertRefused(hs256(claims().expirationTime(Date.from(NOW.minusSeconds(61))).build()), "token expired");
    }

    @Test
    void a_token_expired_59_seconds_ago_is_still_accepted_within_the_skew() {
        Result<Identity> result = verifier.verify(hs256(claims().expirationTime(Date.from(NOW.minusSeconds(59))).build()));

        assertThat(result.orThrow().expiresAt()).isEqualTo(NOW.minusSeconds(59));
    }

    @Test
    void the_injected_clock_decides_expiry() {
        String token = hs256(claims().build());
        NimbusTokenVerifier later = new NimbusTokenVerifier(settings,
                Clock.fixed(NOW.plusSeconds(600 + 61), ZoneOffset.UTC));

        assertThat(verifier.verify(token).isOk()).isTrue();
        assertThat(later.verify(token).failure()).isEqualTo(new ChatFailure.Unauthorized("token expired"));
    }

    @Test
    void a_configured_clock_skew_replaces_the_default() {
        NimbusTokenVerifier strict = new NimbusTokenVerifier(settings.withClockSkew(Duration.ZERO), Tokens.CLOCK);

        assertThat(strict.verify(hs256(claims().expirationTime(Date.from(NOW.minusSeconds(1))).build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("token expired"));
    }

    @Test
    void a_token_without_exp_is_refused() {
        assertRefused(hs256(claims().expirationTime(null).build()), "missing expiry");
    }

    @Test
    void a_token_not_valid_for_another_61_seconds_is_refused() {
        assertRefused(hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(61))).build()), "token not valid yet");
    }

    @Test
    void a_token_valid_from_59_seconds_in_the_future_is_accepted_within_the_skew() {
        assertThat(verifier.verify(hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(59))).build())).isOk())
                .isTrue();
    }

    @Test
    void a_token_without_sub_is_refused() {
        assertRefused(hs256(claims().subject(null).build()), "missing subject");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p 1", "p/1", "<script>", ""})
    void a_token_whose_sub_is_not_a_well_formed_id_is_refused(String subject) {
        assertRefused(hs256(claims().subject(subject).build()), "malformed subject");
    }

    @Test
    void a_sub_longer_than_128_characters_is_refused() {
        assertRefused(hs256(claims().subject("p".repeat(129)).build()), "malformed subject");
    }

    @Test
    void a_token_without_role_is_refused() {
        assertRefused(hs256(claims().claim("role", null).build()), "missing role");
    }

    @Test
    void a_token_with_a_role_this_installation_does_not_know_is_refused() {
        assertRefused(hs256(claims().claim("role", "surgeon").build()), "unknown role");
    }

    @Test
    void a_role_that_is_not_a_string_is_refused() {
        assertRefused(hs256(claims().claim("role", List.of("doctor")).build()), "malformed role");
    }

    @Test
    void a_configured_clinician_role_is_accepted() {
        NimbusTokenVerifier custom = new NimbusTokenVerifier(
                JwtSettings.hs256(SECRET, Roles.withClinicians(Set.of("surgeon"))), Tokens.CLOCK);

        assertThat(custom.verify(hs256(claims().claim("role", "surgeon").build())).orThrow().role().isClinician())
                .isTrue();
        assertThat(custom.verify(hs256(claims().claim("role", "doctor").build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("unknown role"));
    }

    @Test
    void the_role_claim_name_is_configurable() {
        NimbusTokenVerifier custom = new NimbusTokenVerifier(settings.withRoleClaim("carechat_role"), Tokens.CLOCK);
        JWTClaimsSet renamed = claims().claim("role", null).claim("carechat_role", "nurse").build();

        assertThat(custom.verify(hs256(renamed)).orThrow().role()).isEqualTo(Role.NURSE);
        assertThat(custom.verify(hs256(claims().build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("missing role"));
    }

    @Test
    void the_issuer_is_checked_when_configured() {
        NimbusTokenVerifier checking = new NimbusTokenVerifier(settings.withIssuer("https://idp.clinic"), Tokens.CLOCK);

        assertThat(checking.verify(hs256(claims().issuer("https://idp.clinic").build())).isOk()).isTrue();
        assertThat(checking.verify(hs256(claims().issuer("https://evil.example").build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("wrong issuer"));
        assertThat(checking.verify(hs256(claims().build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("wrong issuer"));
    }

    @Test
    void the_issuer_is_not_checked_when_not_configured() {
        assertThat(verifier.verify(hs256(claims().issuer("anyone").build())).isOk()).isTrue();
    }

    @Test
    void the_audience_is_checked_when_configured_and_may_be_a_list() {
        NimbusTokenVerifier checking = new NimbusTokenVerifier(settings.withAudience("carechat"), Tokens.CLOCK);

        assertThat(checking.verify(hs256(claims().audience("carechat").build())).isOk()).isTrue();
        assertThat(checking.verify(hs256(claims().audience(List.of("billing", "carechat")).build())).isOk()).isTrue();
        assertThat(checking.verify(hs256(claims().audience(List.of("billing", "records")).build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("wrong audience"));
        assertThat(checking.verify(hs256(claims().build())).failure())
                .isEqualTo(new ChatFailure.Unauthorized("wrong audience"));
    }

    @Test
    void a_token_over_8_kib_is_refused_before_parsing() {
        String padded = hs256(claims().claim("padding", "x".repeat(8 * 1024)).build());

        assertRefused(padded, "token too large");
    }

    @Test
    void a_token_just_under_8_kib_is_accepted() {
        String base = hs256(claims().claim("padding", "").build());
        int room = (NimbusTokenVerifier.MAX_TOKEN_CHARS - base.length()) * 3 / 4 - 3;
        String large = hs256(claims().claim("padding", "x".repeat(room)).build());

        assertThat(large.length()).isBetween(NimbusTokenVerifier.MAX_TOKEN_CHARS - 8, NimbusTokenVerifier.MAX_TOKEN_CHARS);
        assertThat(verifier.verify(large).isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b", "a.b.c", "...", "....", "%%%.%%%.%%%", "eyJ.eyJ.sig", "Bearer x.y.z",
        "ümlaut.ümlaut.ümlaut", "e30.e30.e30", "a.b.c.d.e"})
    void garbage_is_a_malformed_token(String garbage) {
        Result<Identity> result = verifier.verify(garbage);

        assertThat(result.isOk()).isFalse();
        assertThat(result.failure()).isEqualTo(new ChatFailure.Unauthorized("malformed token"));
    }

    @Test
    void an_empty_or_missing_token_is_refused() {
        assertThat(verifier.verify(null).failure()).isEqualTo(new ChatFailure.Unauthorized("missing token"));
        assertThat(verifier.verify("  ").failure()).isEqualTo(new ChatFailure.Unauthorized("missing token"));
    }

    @Test
    void a_signed_payload_that_is_not_a_claims_object_is_malformed() {
        String token = Tokens.hmacByHand("HS256", "HmacSHA256", SECRET, "[1,2,3]");

        assertRefused(token, "malformed token");
    }

    @Test
    void a_non_numeric_exp_is_malformed() {
        String token = Tokens.hmacByHand("HS256", "HmacSHA256", SECRET,
                "{\"sub\":\"p-1\",\"role\":\"patient\",\"exp\":\"tomorrow\"}");

        assertRefused(token, "malformed token");
    }

    @Test
    void a_correctly_signed_token_with_an_unknown_critical_header_is_refused() {
        String token = Tokens.hmacOverHeader("{\"alg\":\"HS256\",\"crit\":[\"exp-ext\"],\"exp-ext\":1}",
                "HmacSHA256", SECRET, Tokens.validPayloadJson());

        assertRefused(token, "bad signature");
    }

    private void assertRefused(String token, String reason) {
        Result<Identity> result = verifier.verify(token);

        assertThat(result.isOk()).as("refused").isFalse();
        assertThat(result.failure()).isEqualTo(new ChatFailure.Unauthorized(reason));
        assertThat(result.failure().message()).doesNotContain(token);
    }
}
