package org.carechat.adapter.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.jwt.Tokens.CLOCK;
import static org.carechat.adapter.jwt.Tokens.NOW;
import static org.carechat.adapter.jwt.Tokens.SECRET;

import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.Test;

class HmacTokenIssuerTest {

    @Test
    void an_issued_token_verifies_with_the_same_settings() {
        JwtSettings settings = JwtSettings.hs256(SECRET, Roles.standard())
                .withIssuer("carechat-demo").withAudience("carechat").withRoleClaim("carechat_role");
        HmacTokenIssuer issuer = HmacTokenIssuer.forSettings(settings, CLOCK);

        String token = issuer.issue(UserId.of("d-7"), Role.DOCTOR, "Dr. Ada", Duration.ofMinutes(15));
        Identity identity = new NimbusTokenVerifier(settings, CLOCK).verify(token).orThrow();

        assertThat(identity).isEqualTo(new Identity(UserId.of("d-7"), Role.DOCTOR, "Dr. Ada", NOW.plusSeconds(900)));
    }

    @Test
    void an_issued_token_carries_the_claims_and_an_hs256_header() throws Exception {
        String token = new HmacTokenIssuer(SECRET, CLOCK).issue("p-1", "patient", null, Duration.ofMinutes(1));
        SignedJWT jwt = SignedJWT.parse(token);

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("p-1");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("patient");
        assertThat(jwt.getJWTClaimsSet().getClaim("name")).isNull();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isNull();
        assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void an_issued_token_expires_after_its_ttl_and_the_skew() {
        JwtSettings settings = JwtSettings.hs256(SECRET, Roles.standard());
        String token = new HmacTokenIssuer(SECRET, CLOCK).issue("p-1", "patient", "Pat", Duration.ofMinutes(5));

        NimbusTokenVerifier later = new NimbusTokenVerifier(settings,
                Clock.fixed(NOW.plus(Duration.ofMinutes(5)).plusSeconds(61), ZoneOffset.UTC));

        assertThat(later.verify(token).failure()).isEqualTo(new ChatFailure.Unauthorized("token expired"));
    }

    @Test
    void a_token_from_an_issuer_with_another_secret_is_refused() {
        byte[] otherSecret = "another-secret-of-at-least-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String token = new HmacTokenIssuer(otherSecret, CLOCK).issue("p-1", "patient", null, Duration.ofMinutes(5));

        assertThat(new NimbusTokenVerifier(JwtSettings.hs256(SECRET, Roles.standard()), CLOCK).verify(token).failure())
                .isEqualTo(new ChatFailure.Unauthorized("bad signature"));
    }

    @Test
    void a_short_secret_is_refused_like_the_verifier_refuses_it() {
        assertThatThrownBy(() -> new HmacTokenIssuer(new byte[16], CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHAT_JWT_SECRET must be at least 32 bytes (256 bits) for HS256; got 16 bytes");
    }

    @Test
    void a_malformed_subject_or_a_non_positive_ttl_is_a_bug_of_the_caller() {
        HmacTokenIssuer issuer = new HmacTokenIssuer(SECRET, CLOCK);

        assertThatThrownBy(() -> issuer.issue("p 1", "patient", null, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("p-1", "patient", null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> issuer.issue("p-1", " ", null, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_hs256_settings_can_issue() throws Exception {
        String pem = Tokens.pem(new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate().toRSAPublicKey());
        JwtSettings rs256 = JwtSettings.publicKeyPem(JwtSettings.Algorithm.RS256, pem, Roles.standard());

        assertThatThrownBy(() -> HmacTokenIssuer.forSettings(rs256, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only HS256");
    }
}
