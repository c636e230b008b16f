package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.carechat.application.Actor;
import org.carechat.application.admin.OpenCareRelationshipUseCase.OpenCareRelationship;
import org.carechat.application.admin.UpsertUserUseCase.UpsertUser;
import org.carechat.bootstrap.config.Option;
import org.carechat.domain.user.Role;
import org.carechat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server set up to read the tokens a clinic's existing login already issues, shaped like those of the seed
 * systems (HS256 {@code {id, role, iat, exp}}, as Node's {@code jsonwebtoken} signs them):
 * {@code CHAT_JWT_SUBJECT_CLAIM=id} and {@code CHAT_JWT_ROLE_MAP=mom=patient}. The directory stays the authority.
 */
class SeedTokensEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A patient of the login whose id is a Mongo ObjectId, as its users' {@code _id}s are. */
    private static final String MOM = "64b7f0c2e13a4a0012345678";
    /** A patient of an SQL-backed login, whose token carries the row id as a JSON number. */
    private static final long ROW_ID = 1042;

    private TestServer test;

    @BeforeEach
    void start() {
        test = TestServer.start(Map.of(Option.JWT_SUBJECT_CLAIM, "id", Option.JWT_ROLE_MAP, "mom=patient"), null);
        Actor admin = Actor.of(UserId.of("admin"), Role.ADMIN);
        var core = test.server.core();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of(MOM), "Amaya Perera", "patient", null)).orThrow();
        core.upsertUser().upsert(new UpsertUser(admin, UserId.of(Long.toString(ROW_ID)), "Rita Silva", "patient", null))
                .orThrow();
        for (String patient : new String[] {MOM, Long.toString(ROW_ID)}) {
            core.openCareRelationship().open(new OpenCareRelationship(admin, UserId.of(patient), UserId.of("d1"), null,
                    null, null)).orThrow();
        }
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @Test
    void the_server_was_configured_to_read_the_id_claim_and_rename_mom() {
        assertThat(test.server.jwtSettings().subjectClaim()).isEqualTo("id");
        assertThat(test.server.jwtSettings().roleMap()).containsExactly(Map.entry("mom", "patient"));
    }

    @Test
    void a_seed_shaped_token_works_over_rest_and_over_the_websocket() throws Exception {
        String mom = seedToken(MOM, "mom");
        String doctor = seedToken("d1", "doctor");

        HttpResponse<String> list = get("/api/chat/conversations", mom);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        HttpResponse<String> opened = send("POST", "/api/chat/conversations", mom, "{\"participantId\":\"d1\"}");
        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201);
        String conversation = JSON.readTree(opened.body()).path("id").asString();

        try (WsClient patientSocket = WsClient.connect(test.ws(null), Map.of("Authorization", "Bearer " + mom));
             WsClient doctorSocket = WsClient.connect(
                     test.ws("access_token=" + URLEncoder.encode(doctor, StandardCharsets.UTF_8)), Map.of())) {
            patientSocket.send("{\"event\":\"send_message\",\"id\":\"s1\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"content\":\"the baby kicks less since yesterday\"}}");
            JsonNode sent = patientSocket.awaitReply("s1");
            assertThat(sent.path("event").asString()).as(sent.toString()).isNotEqualTo("error");

            JsonNode delivered = doctorSocket.awaitEvent("new_message").path("data").path("message");
            assertThat(delivered.path("senderId").asString()).isEqualTo(MOM);
            assertThat(delivered.path("content").asString()).isEqualTo("the baby kicks less since yesterday");
        }
    }

    @Test
    void a_numeric_id_is_the_directory_entry_of_its_decimal_text() throws Exception {
        String token = sign(new JWTClaimsSet.Builder().claim("id", ROW_ID).claim("role", "mom"));

        HttpResponse<String> opened = send("POST", "/api/chat/conversations", token, "{\"participantId\":\"d1\"}");

        assertThat(opened.statusCode()).as(opened.body()).isIn(200, 201);
        assertThat(JSON.readTree(opened.body()).path("participants").toString()).contains("\"1042\"");
        String conversation = JSON.readTree(opened.body()).path("id").asString();
        try (WsClient socket = WsClient.connect(test.ws(null), Map.of("Authorization", "Bearer " + token))) {
            socket.send("{\"event\":\"sync\",\"id\":\"y1\",\"data\":{\"conversationId\":\"" + conversation
                    + "\",\"afterSeq\":0}}");
            JsonNode synced = socket.awaitReply("y1");
            assertThat(synced.path("event").asString()).as(synced.toString()).isEqualTo("sync_result");
        }
    }

    @Test
    void the_directory_role_wins_over_the_role_a_seed_token_claims() throws Exception {
        HttpResponse<String> momClaimingAdmin = get("/api/admin/audit", seedToken(MOM, "admin"));
        assertThat(momClaimingAdmin.statusCode()).isEqualTo(403);

        // d1 is a doctor in the directory: a token calling them a mom (a patient) still consults a nurse, which no
        // patient may do without a care relationship
        HttpResponse<String> consult = send("POST", "/api/chat/conversations", seedToken("d1", "mom"),
                "{\"participantId\":\"n1\"}");
        assertThat(consult.statusCode()).as(consult.body()).isIn(200, 201);
    }

    @Test
    void a_seed_token_for_an_id_the_directory_does_not_know_is_refused_at_both_doors() throws Exception {
        String stranger = seedToken("64b7f0c2e13a4a00ffffffff", "mom");

        assertThat(get("/api/chat/conversations", stranger).statusCode()).isEqualTo(401);
        Throwable upgrade = WsClient.refusal(test.ws(null), Map.of("Authorization", "Bearer " + stranger));
        assertThat(upgrade).isInstanceOfSatisfying(WebSocketHandshakeException.class,
                refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));

        HttpResponse<String> audit = get("/api/admin/audit?userId=64b7f0c2e13a4a00ffffffff", seedToken("admin", "admin"));
        assertThat(audit.statusCode()).as("an admin outside the directory still works").isEqualTo(200);
        assertThat(JSON.readTree(audit.body()).path("items")).isNotEmpty()
                .extracting(entry -> entry.path("action").asString()).containsOnly("authentication");
    }

    @Test
    void a_token_with_its_id_in_sub_instead_of_id_is_refused() throws Exception {
        String subOnly = sign(new JWTClaimsSet.Builder().subject(MOM).claim("role", "mom"));

        assertThat(get("/api/chat/conversations", subOnly).statusCode()).isEqualTo(401);
        assertThat(WsClient.refusal(test.ws(null), Map.of("Authorization", "Bearer " + subOnly)))
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void a_token_whose_id_is_an_object_is_refused() throws Exception {
        String objectId = sign(new JWTClaimsSet.Builder().claim("id", Map.of("$oid", MOM)).claim("role", "mom"));

        assertThat(get("/api/chat/conversations", objectId).statusCode()).isEqualTo(401);
    }

    /** {@code {id, role, iat, exp}}, HS256 with the server's secret, as the seeds' logins sign them. */
    private static String seedToken(String id, String role) {
        return sign(new JWTClaimsSet.Builder().claim("id", id).claim("role", role));
    }

    private static String sign(JWTClaimsSet.Builder claims) {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
        try {
            jwt.sign(new MACSigner(TestServer.SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return test.http.send(HttpRequest.newBuilder(test.http(path)).GET().header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return test.http.send(HttpRequest.newBuilder(test.http(path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
