package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a caller can fail to prove who they are, at both doors of the running server with its real
 * JWT verifier: the WebSocket upgrade is refused before any event is delivered, REST answers 401.
 */
class AuthenticationEndToEndTest {
    private static final String AUDIENCE = "carechat-tests";
    private static TestServer test;

    @BeforeAll
    static void start() {
        test = TestServer.start(Map.of(Option.JWT_AUDIENCE, AUDIENCE,
                Option.ALLOWED_ORIGINS, "https://portal.clinic.example"), null);
    }

    @AfterAll
    static void stop() {
        test.close();
    }

    private static String signed(String secret, JWSAlgorithm algorithm, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String sub, String role) {
        return new JWTClaimsSet.Builder().subject(sub).claim("role", role).audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
    }

    private static String valid(String sub, String role) throws Exception {
        return signed(TestServer.SECRET, JWSAlgorithm.HS256, claims(sub, role).build());
    }

    private static String unsecured(String sub, String role) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + sub + "\",\"role\":\"" + role + "\",\"aud\":\"" + AUDIENCE
                + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static void assertUpgradeRefused(Map<String, String> headers, int status) {
        Throwable refusal = WsClient.refusal(test.ws(null), headers);
        assertThat(refusal).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refusal).getResponse().statusCode()).isEqualTo(status);
    }

    private static int restStatus(String token) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(test.http("/api/chat/unread-count")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = test.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"code\":\"UNAUTHORIZED\"");
            if (token != null) {
                assertThat(response.body()).doesNotContain(token);
            }
        }
        return response.statusCode();
    }

    @Test
    void a_valid_token_opens_the_socket_in_the_header_or_in_the_query() throws Exception {
        try (WsClient viaHeader = WsClient.connect(test.ws(null), bearer(valid("p1", "patient")));
             WsClient viaQuery = WsClient.connect(test.ws("access_token=" + valid("p1", "patient")), Map.of())) {
            viaHeader.send("{\"event\":\"set_status\",\"id\":\"s1\",\"data\":{\"status\":\"busy\"}}");
            assertThat(viaHeader.awaitReply("s1").path("event").asString()).isEqualTo("ack");
            viaQuery.send("{\"event\":\"set_status\",\"id\":\"s2\",\"data\":{\"status\":\"available\"}}");
            assertThat(viaQuery.awaitReply("s2").path("event").asString()).isEqualTo("ack");
        }
        assertThat(restStatus(valid("p1", "patient"))).isEqualTo(200);
    }

    @Test
    void no_token_is_refused() throws Exception {
        assertUpgradeRefused(Map.of(), 401);
        assertThat(restStatus(null)).isEqualTo(401);
    }

    @Test
    void a_bad_signature_is_refused() throws Exception {
        String forged = signed("another-secret-that-is-also-32-bytes-long", JWSAlgorithm.HS256, claims("p1", "patient").build());
        assertUpgradeRefused(bearer(forged), 401);
        assertThat(restStatus(forged)).isEqualTo(401);
    }

    @Test
    void an_unsecured_alg_none_token_is_refused() throws Exception {
        assertUpgradeRefused(bearer(unsecured("p1", "patient")), 401);
        assertThat(restStatus(unsecured("p1", "patient"))).isEqualTo(401);
    }

    @Test
    void another_algorithm_than_the_pinned_one_is_refused() throws Exception {
        String hs512 = signed(TestServer.SECRET + TestServer.SECRET, JWSAlgorithm.HS512, claims("p1", "patient").build());
        assertUpgradeRefused(bearer(hs512), 401);
        assertThat(restStatus(hs512)).isEqualTo(401);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        String expired = signed(TestServer.SECRET, JWSAlgorithm.HS256, claims("p1", "patient")
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).build());
        assertUpgradeRefused(bearer(expired), 401);
        assertThat(restStatus(expired)).isEqualTo(401);
    }

    @Test
    void a_token_for_another_audience_is_refused() throws Exception {
        String elsewhere = signed(TestServer.SECRET, JWSAlgorithm.HS256, claims("p1", "patient").audience("billing").build());
        assertUpgradeRefused(bearer(elsewhere), 401);
        assertThat(restStatus(elsewhere)).isEqualTo(401);
    }

    @Test
    void a_foreign_origin_is_refused_at_the_upgrade_and_a_listed_one_accepted() throws Exception {
        String token = valid("p1", "patient");
        assertUpgradeRefused(Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example"), 403);

        try (WsClient listed = WsClient.connect(test.ws(null),
                Map.of("Authorization", "Bearer " + token, "Origin", "https://portal.clinic.example"))) {
            listed.send("{\"event\":\"set_status\",\"id\":\"o1\",\"data\":{\"status\":\"busy\"}}");
            assertThat(listed.awaitReply("o1").path("event").asString()).isEqualTo("ack");
        }
    }
}
