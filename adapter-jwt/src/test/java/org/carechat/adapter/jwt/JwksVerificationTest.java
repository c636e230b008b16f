package org.carechat.adapter.jwt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.adapter.jwt.Tokens.claims;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.carechat.adapter.jwt.JwtSettings.Algorithm;
import org.carechat.domain.failure.ChatFailure;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksVerificationTest {
    private static RSAKey first;
    private static RSAKey second;
    private static RSAKey outsider;

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeAll
    static void generate_keys() throws Exception {
        first = new RSAKeyGenerator(2048).keyID("k1").generate();
        second = new RSAKeyGenerator(2048).keyID("k2").generate();
        outsider = new RSAKeyGenerator(2048).keyID("k3").generate();
    }

    @AfterEach
    void stop_server() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String signed(RSAKey key, String kid) throws Exception {
        return Tokens.sign(JWSAlgorithm.RS256, new RSASSASigner(key), kid, claims().claim("role", "nurse").build());
    }

    private NimbusTokenVerifier fromFile(JWK... keys) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(List.of(keys)).toPublicJWKSet().toString(), UTF_8);
        return new NimbusTokenVerifier(JwtSettings.jwksFile(Algorithm.RS256, file, Roles.standard()), Tokens.CLOCK);
    }

    @Test
    void the_kid_selects_the_key_of_a_jwks_file() throws Exception {
        NimbusTokenVerifier verifier = fromFile(first, second);

        assertThat(verifier.verify(signed(first, "k1")).orThrow().role()).isEqualTo(Role.NURSE);
        assertThat(verifier.verify(signed(second, "k2")).isOk()).isTrue();
    }

    @Test
    void a_token_claiming_one_kid_but_signed_by_the_other_key_has_a_bad_signature() throws Exception {
        NimbusTokenVerifier verifier = fromFile(first, second);

        assertThat(verifier.verify(signed(second, "k1")).failure())
                .isEqualTo(new ChatFailure.Unauthorized("bad signature"));
    }

    @Test
    void a_kid_absent_from_the_jwks_is_an_unknown_signing_key() throws Exception {
        NimbusTokenVerifier verifier = fromFile(first, second);

        assertThat(verifier.verify(signed(outsider, "k3")).failure())
                .isEqualTo(new ChatFailure.Unauthorized("unknown signing key"));
    }

    @Test
    void a_token_without_kid_is_checked_against_every_key_of_the_algorithm() throws Exception {
        NimbusTokenVerifier verifier = fromFile(first, second);

        assertThat(verifier.verify(signed(second, null)).isOk()).isTrue();
        assertThat(verifier.verify(signed(outsider, null)).failure())
                .isEqualTo(new ChatFailure.Unauthorized("bad signature"));
    }

    @Test
    void the_jwks_file_is_read_once_at_start() throws Exception {
        NimbusTokenVerifier verifier = fromFile(first);
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(second.toPublicJWK()).toString(), UTF_8);

        assertThat(verifier.verify(signed(first, "k1")).isOk()).isTrue();
        assertThat(verifier.verify(signed(second, "k2")).failure())
                .isEqualTo(new ChatFailure.Unauthorized("unknown signing key"));
    }

    @Test
    void es256_keys_come_from_a_jwks_too() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
        Path file = dir.resolve("ec.json");
        Files.writeString(file, new JWKSet(List.of(ec.toPublicJWK(), first.toPublicJWK())).toString(), UTF_8);
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(
                JwtSettings.jwksFile(Algorithm.ES256, file, Roles.standard()), Tokens.CLOCK);

        String token = Tokens.sign(JWSAlgorithm.ES256, new ECDSASigner(ec), "e1", claims().build());

        assertThat(verifier.verify(token).isOk()).isTrue();
        assertThat(verifier.verify(signed(first, "k1")).failure())
                .isEqualTo(new ChatFailure.Unauthorized("algorithm not accepted"));
    }

    @Test
    void a_missing_jwks_file_refuses_to_start() {
        JwtSettings settings = JwtSettings.jwksFile(Algorithm.RS256, dir.resolve("absent.json"), Roles.standard());

        assertThatThrownBy(() -> new NimbusTokenVerifier(settings, Tokens.CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the JWKS file");
    }

    @Test
    void a_jwks_file_without_a_key_for_the_algorithm_refuses_to_start() throws Exception {
        Path file = dir.resolve("ec-only.json");
        Files.writeString(file, new JWKSet(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()).toString(), UTF_8);
        JwtSettings settings = JwtSettings.jwksFile(Algorithm.RS256, file, Roles.standard());

        assertThatThrownBy(() -> new NimbusTokenVerifier(settings, Tokens.CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no key usable for RS256");
    }

    @Test
    void a_jwks_url_is_fetched_once_and_cached() throws Exception {
        AtomicReference<String> published = new AtomicReference<>(new JWKSet(List.of(first, second)).toPublicJWKSet().toString());
        AtomicInteger fetches = new AtomicInteger();
        URI url = serve(published, fetches);
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(
                JwtSettings.jwksUrl(Algorithm.RS256, url, Roles.standard()), Tokens.CLOCK);

        assertThat(fetches).hasValue(0);
        assertThat(verifier.verify(signed(first, "k1")).isOk()).isTrue();
        assertThat(verifier.verify(signed(second, "k2")).isOk()).isTrue();
        assertThat(verifier.verify(signed(first, "k1")).isOk()).isTrue();

        assertThat(fetches).hasValue(1);
    }

    @Test
    void a_kid_rotated_in_at_the_identity_provider_is_picked_up_without_restart() throws Exception {
        AtomicReference<String> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()).toString());
        AtomicInteger fetches = new AtomicInteger();
        URI url = serve(published, fetches);
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(
                JwtSettings.jwksUrl(Algorithm.RS256, url, Roles.standard()), Tokens.CLOCK);
        assertThat(verifier.verify(signed(first, "k1")).isOk()).isTrue();

        published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())).toString());

        assertThat(verifier.verify(signed(second, "k2")).isOk()).isTrue();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void a_jwks_url_given_as_a_location_string_is_used_as_a_url() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        URI url = serve(new AtomicReference<>(new JWKSet(first.toPublicJWK()).toString()), fetches);
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(
                JwtSettings.jwks(Algorithm.RS256, url.toString(), Roles.standard()), Tokens.CLOCK);

        assertThat(verifier.verify(signed(first, "k1")).isOk()).isTrue();
        assertThat(verifier.verify(signed(outsider, "k1")).failure())
                .isEqualTo(new ChatFailure.Unauthorized("bad signature"));
        assertThat(fetches.get()).isPositive();
    }

    @Test
    void an_unreachable_jwks_url_makes_verification_unavailable_not_unauthorized() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        NimbusTokenVerifier verifier = new NimbusTokenVerifier(JwtSettings.jwksUrl(Algorithm.RS256,
                URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"), Roles.standard()), Tokens.CLOCK);
        String token = signed(first, "k1");

        ChatFailure failure = verifier.verify(token).failure();

        assertThat(failure).isInstanceOf(ChatFailure.Unavailable.class);
        assertThat(failure.message()).doesNotContain(token);
    }

    private URI serve(AtomicReference<String> body, AtomicInteger fetches) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] bytes = body.get().getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }
}
