package org.carechat.adapter.jwt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.jwt.Tokens.NOW;
import static org.carechat.adapter.jwt.Tokens.claims;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Date;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;
import org.carechat.application.port.TokenVerifier.Identity;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.failure.Result;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublicKeyVerificationTest {
    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static ECKey ec;
    private static ECKey otherEc;

    @BeforeAll
    static void generate_keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).generate();
        otherRsa = new RSAKeyGenerator(2048).generate();
        ec = new ECKeyGenerator(Curve.P_256).generate();
        otherEc = new ECKeyGenerator(Curve.P_256).generate();
    }

    private static NimbusTokenVerifier rs256() throws Exception {
        return new NimbusTokenVerifier(
                JwtSettings.publicKeyPem(Algorithm.RS256, Tokens.pem(rsa.toRSAPublicKey()), Roles.standard()),
                Tokens.CLOCK);
    }

    private static NimbusTokenVerifier es256() throws Exception {
        return new NimbusTokenVerifier(
                JwtSettings.publicKeyPem(Algorithm.ES256, Tokens.pem(ec.toECPublicKey()), Roles.standard()),
                Tokens.CLOCK);
    }

    @Test
    void an_rs256_token_verifies_with_the_pem_public_key() throws Exception {
        String token = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), "any-kid",
                claims().claim("role", "midwife").build());

        Identity identity = rs256().verify(token).orThrow();

        assertThat(identity.role()).isEqualTo(Role.MIDWIFE);
        assertThat(identity.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void an_rs256_key_generated_by_the_jdk_works_too() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(
                JwtSettings.publicKeyPem(Algorithm.RS256, Tokens.pem(pair.getPublic()), Roles.standard()), Tokens.CLOCK);

        String token = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner((RSAPrivateKey) pair.getPrivate()), null,
                claims().build());

        assertThat(verifier.verify(token).isOk()).isTrue();
    }

    @Test
    void an_rs256_token_signed_by_another_key_has_a_bad_signature() throws Exception {
        String token = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(otherRsa), null, claims().build());

        assertThat(rs256().verify(token).failure()).isEqualTo(new ChatFailure.Unauthorized("bad signature"));
    }

    @Test
    void an_hs256_token_keyed_with_the_public_key_pem_is_refused_so_keys_cannot_be_confused() throws Exception {
        byte[] publicPem = Tokens.pem(rsa.toRSAPublicKey()).getBytes(US_ASCII);
        String confused = Tokens.hmacByHand("HS256", "HmacSHA256", publicPem, Tokens.validPayloadJson());
        byte[] publicDer = rsa.toRSAPublicKey().getEncoded();
        String confusedDer = Tokens.hmacByHand("HS256", "HmacSHA256", publicDer, Tokens.validPayloadJson());

        assertThat(rs256().verify(confused).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
        assertThat(rs256().verify(confusedDer).failure())
                .isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
    }

    @Test
    void rs512_and_ps256_tokens_from_the_right_key_are_refused_when_rs256_is_pinned() throws Exception {
        String rs512 = Tokens.sign(JWSAlgorithm.RS512, new RSASSASigner(rsa), null, claims().build());
        String ps256 = Tokens.sign(JWSAlgorithm.PS256, new RSASSASigner(rsa), null, claims().build());

        assertThat(rs256().verify(rs512).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
        assertThat(rs256().verify(ps256).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
    }

    @Test
    void an_unsecured_token_is_refused_by_the_rs256_verifier() throws Exception {
        String none = Tokens.unsecured("{\"alg\":\"none\"}", Tokens.validPayloadJson());

        assertThat(rs256().verify(none).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
    }

    @Test
    void claims_are_checked_after_an_rs256_signature_too() throws Exception {
        String expired = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), null,
                claims().expirationTime(Date.from(NOW.minusSeconds(61))).build());

        assertThat(rs256().verify(expired).failure()).isEqualTo(new ChatFailure.Unauthorized("token expired"));
    }

    @Test
    void an_es256_token_verifies_with_the_pem_public_key() throws Exception {
        String token = Tokens.sign(JWSAlgorithm.ES256, new ECDSASigner(ec), null, claims().build());

        Result<Identity> result = es256().verify(token);

        assertThat(result.orThrow().role()).isEqualTo(Role.PATIENT);
    }

    @Test
    void an_es256_token_signed_by_another_key_has_a_bad_signature() throws Exception {
        String token = Tokens.sign(JWSAlgorithm.ES256, new ECDSASigner(otherEc), null, claims().build());

        assertThat(es256().verify(token).failure()).isEqualTo(new ChatFailure.Unauthorized("bad signature"));
    }

    @Test
    void es384_and_rs256_tokens_are_refused_when_es256_is_pinned() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        String es384 = Tokens.sign(JWSAlgorithm.ES384, new ECDSASigner(p384), null, claims().build());
        String rs256 = Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(rsa), null, claims().build());

        assertThat(es256().verify(es384).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
        assertThat(es256().verify(rs256).failure()).isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
    }
}
