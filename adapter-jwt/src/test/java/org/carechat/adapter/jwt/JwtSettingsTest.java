package org.carechat.adapter.jwt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;
import org.carechat.domain.user.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
    private static final Roles ROLES = Roles.standard();
    private static String rsaPem;
    private static String ecPem;
    private static String p384Pem;

    @BeforeAll
    static void generate_keys() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        rsaPem = Tokens.pem(rsa.toRSAPublicKey());
        ecPem = Tokens.pem(ec.toECPublicKey());
        p384Pem = Tokens.pem(p384.toECPublicKey());
    }

    @Test
    void a_31_byte_secret_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> JwtSettings.hs256(new byte[31], ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHAT_JWT_SECRET must be at least 32 bytes (256 bits) for HS256; got 31 bytes");
    }

    @Test
    void a_32_byte_secret_is_enough() {
        JwtSettings settings = JwtSettings.hs256(new byte[32], ROLES);

        assertThat(settings.algorithm()).isEqualTo(Algorithm.HS256);
        assertThat(settings.roleClaim()).isEqualTo("role");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.issuer()).isNull();
        assertThat(settings.audience()).isNull();
    }

    @Test
    void hs256_without_a_secret_is_refused() {
        assertThatThrownBy(() -> new JwtSettings(Algorithm.HS256, null, null, null, null, null, null, null, null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CHAT_JWT_SECRET is required for HS256");
    }

    @Test
    void hs256_with_a_public_key_is_refused() {
        assertThatThrownBy(() -> new JwtSettings(Algorithm.HS256, Tokens.SECRET, rsaPem, null, null, null, null, null,
                null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HS256 verifies with CHAT_JWT_SECRET only");
    }

    @Test
    void rs256_and_es256_without_a_key_are_refused() {
        assertThatThrownBy(() -> new JwtSettings(Algorithm.RS256, null, null, null, null, null, null, null, null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RS256 needs a PEM public key, a JWKS file or a JWKS URL");
        assertThatThrownBy(() -> new JwtSettings(Algorithm.ES256, null, "  ", null, null, null, null, null, null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ES256 needs a PEM public key, a JWKS file or a JWKS URL");
    }

    @Test
    void a_secret_given_with_a_public_key_algorithm_is_refused_without_showing_it() {
        assertThatThrownBy(() -> new JwtSettings(Algorithm.RS256, Tokens.SECRET, rsaPem, null, null, null, null, null,
                null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only used with HS256")
                .hasMessageNotContaining(new String(Tokens.SECRET, US_ASCII));
    }

    @Test
    void both_a_pem_and_a_jwks_are_refused() {
        assertThatThrownBy(() -> new JwtSettings(Algorithm.RS256, null, rsaPem, Path.of("jwks.json"), null, null, null,
                null, null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give either a PEM public key or a JWKS, not both");
        assertThatThrownBy(() -> new JwtSettings(Algorithm.RS256, null, rsaPem, null,
                URI.create("https://idp.example/jwks"), null, null, null, null, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give either a PEM public key or a JWKS, not both");
    }

    @Test
    void an_ec_pem_for_rs256_and_an_rsa_pem_for_es256_are_refused() {
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, ecPem, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RS256 needs an RSA public key; the PEM public key is EC");
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.ES256, rsaPem, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ES256 needs an EC P-256 public key; the PEM public key is RSA");
    }

    @Test
    void an_ec_key_on_another_curve_is_refused_for_es256() {
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.ES256, p384Pem, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ES256 needs an EC P-256 public key; the PEM public key is on curve P-384");
    }

    @Test
    void an_rsa_key_under_2048_bits_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = Tokens.pem(generator.generateKeyPair().getPublic());

        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, weak, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RS256 needs an RSA key of at least 2048 bits; the PEM public key has 1024");
    }

    @Test
    void a_pem_that_does_not_parse_is_refused() {
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, "not a pem", ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the PEM public key does not parse");
        String corrupted = "-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n-----END PUBLIC KEY-----\n";
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, corrupted, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the PEM public key does not parse");
        String badCertificate = "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, badCertificate, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the PEM public key does not parse: not an X.509 certificate");
    }

    @Test
    void a_pem_private_key_is_refused_because_only_the_public_key_belongs_here() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String privatePem = Tokens.pem(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.RS256, privatePem, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key");
    }

    @Test
    void the_public_key_of_a_pem_certificate_is_accepted_for_its_algorithm_only() throws Exception {
        String certificate;
        try (InputStream in = getClass().getResourceAsStream("/idp-certificate.pem")) {
            certificate = new String(in.readAllBytes(), US_ASCII);
        }

        assertThat(JwtSettings.publicKeyPem(Algorithm.RS256, certificate, ROLES).publicKeyPem()).contains("CERTIFICATE");
        assertThat(((RSAPublicKey) PemPublicKeys.parse(certificate)).getModulus().bitLength()).isEqualTo(2048);
        assertThatThrownBy(() -> JwtSettings.publicKeyPem(Algorithm.ES256, certificate, ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ES256 needs an EC P-256 public key");
    }

    @Test
    void a_good_pem_is_accepted_for_its_algorithm() {
        assertThat(JwtSettings.publicKeyPem(Algorithm.RS256, rsaPem, ROLES).algorithm()).isEqualTo(Algorithm.RS256);
        assertThat(JwtSettings.publicKeyPem(Algorithm.ES256, ecPem, ROLES).algorithm()).isEqualTo(Algorithm.ES256);
    }

    @Test
    void to_string_redacts_the_secret() {
        byte[] secret = "a-very-secret-value-that-is-long-enough".getBytes(US_ASCII);
        String text = JwtSettings.hs256(secret, ROLES).withIssuer("https://idp.clinic").toString();

        assertThat(text)
                .contains("[redacted]", "HS256", "https://idp.clinic")
                .doesNotContain("a-very-secret-value")
                .doesNotContain(Base64.getEncoder().encodeToString(secret).substring(0, 12))
                .doesNotContain(String.valueOf(secret[0]) + ", " + secret[1]);
    }

    @Test
    void to_string_hides_credentials_of_a_jwks_url() {
        String text = JwtSettings.jwksUrl(Algorithm.RS256, URI.create("https://user:pw@idp.clinic/jwks?key=abc"), ROLES)
                .toString();

        assertThat(text).contains("https://idp.clinic/jwks").doesNotContain("pw").doesNotContain("key=abc");
    }

    @Test
    void the_secret_cannot_be_changed_from_outside() {
        byte[] secret = Tokens.SECRET.clone();
        JwtSettings settings = JwtSettings.hs256(secret, ROLES);
        secret[0] = 'X';
        settings.secret()[1] = 'Y';

        assertThat(settings.secret()).isEqualTo(Tokens.SECRET);
        assertThat(settings).isEqualTo(JwtSettings.hs256(Tokens.SECRET.clone(), ROLES));
    }

    @Test
    void only_hs256_rs256_and_es256_are_accepted_as_algorithm_names() {
        assertThat(Algorithm.parse(" rs256 ")).isEqualTo(Algorithm.RS256);
        for (String refused : new String[] {"HS512", "none", "PS256", "RS512", "", null}) {
            assertThatThrownBy(() -> Algorithm.parse(refused))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the JWT algorithm must be one of HS256, RS256, ES256");
        }
    }

    @Test
    void a_jwks_location_is_a_url_when_it_starts_with_http_and_a_file_otherwise() {
        JwtSettings url = JwtSettings.jwks(Algorithm.RS256, "https://idp.clinic/.well-known/jwks.json", ROLES);
        JwtSettings file = JwtSettings.jwks(Algorithm.RS256, "/etc/carechat/jwks.json", ROLES);

        assertThat(url.jwksUrl()).isEqualTo(URI.create("https://idp.clinic/.well-known/jwks.json"));
        assertThat(url.jwksFile()).isNull();
        assertThat(file.jwksFile()).isEqualTo(Path.of("/etc/carechat/jwks.json"));
        assertThat(file.jwksUrl()).isNull();
    }

    @Test
    void a_jwks_url_must_be_http_or_https() {
        assertThatThrownBy(() -> JwtSettings.jwksUrl(Algorithm.RS256, URI.create("ftp://idp.clinic/jwks"), ROLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void blank_issuer_and_audience_mean_not_checked_and_a_negative_skew_or_blank_role_claim_is_refused() {
        JwtSettings settings = JwtSettings.hs256(Tokens.SECRET, ROLES).withIssuer(" ").withAudience("");

        assertThat(settings.issuer()).isNull();
        assertThat(settings.audience()).isNull();
        assertThatThrownBy(() -> settings.withClockSkew(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withRoleClaim(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
