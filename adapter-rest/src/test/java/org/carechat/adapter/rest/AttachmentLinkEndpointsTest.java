package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carechat.application.ChatSettings;
import org.carechat.application.limits.RateLimits;
import org.carechat.application.port.AuditTrail;
import org.carechat.domain.audit.AuditAction;
import org.carechat.domain.audit.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/chat/attachments/{id}/link} hands out a short-lived link; the download takes it instead of a token,
 * as the person who asked for it, for that file, for 60 s.
 */
class AttachmentLinkEndpointsTest {
    private RestHarness api;
    private String patient;
    private String doctor;
    private String outsider;
    private String fileId;
    private String messageId;
    private byte[] bytes;

    @BeforeEach
    void start() {
        api = RestHarness.start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        doctor = api.token("d1", "doctor");
        outsider = api.token("p2", "patient");
        bytes = AttachmentEndpointsTest.png(1200);
        fileId = upload(patient, bytes);
        String conversation = api.conversation("p1", "patient", "d1");
        HttpResponse<String> sent = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"image\",\"attachmentId\":\"" + fileId + "\"}");
        RestHarness.expect(sent, 201);
        messageId = json(sent).get("id").stringValue();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String upload(String token, byte[] content) {
        HttpResponse<String> response = api.sendWith("/api/chat/attachments", "POST", token,
                Map.of("Content-Type", "image/png", "X-File-Name", "rash.png"), BodyPublishers.ofByteArray(content));
        RestHarness.expect(response, 201);
        return json(response).get("id").stringValue();
    }

    private HttpResponse<String> askLink(String token, String id) {
        return api.get("/api/chat/attachments/" + id + "/link", token);
    }

    private String linkUrl(String token, String id) {
        HttpResponse<String> response = askLink(token, id);
        RestHarness.expect(response, 200);
        return json(response).get("url").stringValue();
    }

    private static String linkOf(String url) {
        return url.substring(url.indexOf("?link=") + "?link=".length());
    }

    /** A GET without an Authorization header, as a browser's {@code <img src>} sends it. */
    private HttpResponse<byte[]> fetch(String url) {
        return api.sendForBytes(api.request(url, null).GET());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode problem(HttpResponse<byte[]> response) {
        return RestHarness.JSON.readTree(response.body());
    }

    private List<AuditEntry> audited(AuditAction action) {
        return api.audit.query(new AuditTrail.AuditQuery(null, null, null, null, 1000)).stream()
                .filter(entry -> entry.action() == action).toList();
    }

    private void assertRefusedLink(HttpResponse<byte[]> response, String detail) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(problem(response).get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(problem(response).get("detail").stringValue()).isEqualTo(detail);
        assertThat(text(response)).doesNotContain("PNG");
    }

    // ---- handing out a link

    @Test
    void a_participant_gets_a_link_to_the_file_for_60_seconds() {
        HttpResponse<String> response = askLink(doctor, fileId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = json(response);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("url", "expiresAt");
        assertThat(body.get("url").stringValue()).startsWith("/api/chat/attachments/" + fileId + "?link=")
                .matches("/api/chat/attachments/[A-Za-z0-9_]+\\?link=[A-Za-z0-9_.-]{20,512}");
        assertThat(body.get("expiresAt").stringValue()).isEqualTo("2026-11-22T10:01:00.000Z");
        assertThat(body.get("url").stringValue()).as("the link is not the bearer token").doesNotContain(doctor);
    }

    @Test
    void the_expiry_is_at_most_60_seconds_away_in_whole_milliseconds() {
        api.time.advance(Duration.ofNanos(1_234_567_891));

        String expiresAt = json(askLink(doctor, fileId)).get("expiresAt").stringValue();

        assertThat(expiresAt).isEqualTo("2026-11-22T10:01:01.234Z");
    }

    @Test
    void a_stranger_and_an_unknown_id_get_the_same_404_as_the_download_gives() {
        HttpResponse<String> stranger = askLink(outsider, fileId);
        HttpResponse<String> unknown = askLink(outsider, "a_01NOSUCHATTACHMENT0000000");
        HttpResponse<String> download = api.get("/api/chat/attachments/" + fileId, outsider);

        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(stranger).get("code").stringValue()).isEqualTo("NOT_FOUND");
        assertThat(stranger.body()).isEqualTo(unknown.body()).isEqualTo(download.body());
        assertThat(audited(AuditAction.ATTACHMENT_LINK)).filteredOn(entry -> entry.actor().value().equals("p2"))
                .extracting(AuditEntry::outcome).containsExactly("not_found", "not_found");
    }

    @Test
    void a_malformed_id_is_answered_as_the_download_answers_it() {
        HttpResponse<String> link = askLink(doctor, "bad!id");
        HttpResponse<String> download = api.get("/api/chat/attachments/bad!id", doctor);
        HttpResponse<String> tooLong = askLink(doctor, "a".repeat(129));

        assertThat(link.statusCode()).isEqualTo(400);
        assertThat(json(link).get("code").stringValue()).isEqualTo("BAD_REQUEST");
        assertThat(link.body()).isEqualTo(download.body());
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    @Test
    void asking_for_a_link_needs_a_bearer_token_and_takes_no_query_parameters() {
        HttpResponse<String> anonymous = askLink(null, fileId);
        HttpResponse<String> badToken = askLink("not-a-token", fileId);
        HttpResponse<String> longer = api.get("/api/chat/attachments/" + fileId + "/link?ttl=3600", doctor);
        HttpResponse<String> withLink = api.get("/api/chat/attachments/" + fileId + "/link?link=" + linkOf(linkUrl(doctor, fileId)), null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"carechat\"");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(json(longer).get("detail").stringValue())
                .isEqualTo("unknown query parameter 'ttl'; this endpoint takes no query parameters");
        assertThat(withLink.statusCode()).as("a link opens the download only, not the door that hands links out").isEqualTo(401);
    }

    // ---- using it

    @Test
    void the_link_serves_the_file_without_a_token_exactly_as_the_download_does() {
        String url = linkUrl(doctor, fileId);

        HttpResponse<byte[]> viaLink = fetch(url);
        HttpResponse<byte[]> viaToken = api.sendForBytes(api.request("/api/chat/attachments/" + fileId, doctor).GET());

        assertThat(viaLink.statusCode()).isEqualTo(200);
        assertThat(viaLink.body()).isEqualTo(bytes);
        for (String header : List.of("Content-Type", "Content-Length", "Content-Disposition", "Content-Security-Policy",
                "X-Content-Type-Options", "Cache-Control")) {
            assertThat(viaLink.headers().allValues(header)).as(header).isNotEmpty().isEqualTo(viaToken.headers().allValues(header));
        }
        assertThat(viaLink.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"rash.png\"; filename*=UTF-8''rash.png");
        assertThat(viaLink.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
        assertThat(viaLink.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(viaLink.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(fetch(url).statusCode()).as("good again within its minute").isEqualTo(200);
    }

    @Test
    void the_link_is_good_for_60_seconds_and_then_refused_as_expired() {
        String url = linkUrl(doctor, fileId);

        api.time.advance(Duration.ofMillis(59_999));
        HttpResponse<byte[]> justInTime = fetch(url);
        api.time.advance(Duration.ofMillis(1));
        HttpResponse<byte[]> expired = fetch(url);

        assertThat(justInTime.statusCode()).isEqualTo(200);
        assertRefusedLink(expired, "the link has expired; ask for a new one");
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"carechat\"");
        assertThat(fetch(linkUrl(api.token("d1", "doctor"), fileId)).statusCode()).as("a new one works").isEqualTo(200);
    }

    @Test
    void each_use_is_audited_as_a_download_of_the_user_who_asked_through_a_signed_link_without_the_link() {
        String url = linkUrl(doctor, fileId);
        fetch(url);
        fetch(url);

        List<AuditEntry> links = audited(AuditAction.ATTACHMENT_LINK);
        List<AuditEntry> downloads = audited(AuditAction.ATTACHMENT_DOWNLOAD);
        assertThat(links).singleElement().satisfies(entry -> {
            assertThat(entry.actor().value()).isEqualTo("d1");
            assertThat(entry.targets()).containsExactly("attachment:" + fileId);
            assertThat(entry.outcome()).isEqualTo("ok");
        });
        assertThat(downloads).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.actor().value()).isEqualTo("d1");
            assertThat(entry.targets()).containsExactly("attachment:" + fileId, "via:signed_link");
            assertThat(entry.outcome()).isEqualTo("ok");
        });
        assertThat(api.get("/api/admin/audit", api.admin()).body()).doesNotContain(linkOf(url))
                .contains("via:signed_link").contains("attachment_link");
    }

    @Test
    void a_download_with_a_token_is_audited_without_the_link_target() {
        api.sendForBytes(api.request("/api/chat/attachments/" + fileId, doctor).GET());

        assertThat(audited(AuditAction.ATTACHMENT_DOWNLOAD)).singleElement()
                .satisfies(entry -> assertThat(entry.targets()).containsExactly("attachment:" + fileId));
    }

    @Test
    void access_is_checked_again_when_the_link_is_used_so_a_user_who_lost_it_gets_404() {
        String url = linkUrl(doctor, fileId);
        RestHarness.expect(api.delete("/api/chat/messages/" + messageId, patient), 200);

        HttpResponse<byte[]> afterDeletion = fetch(url);
        HttpResponse<byte[]> plain = api.sendForBytes(api.request("/api/chat/attachments/" + fileId, doctor).GET());

        assertThat(afterDeletion.statusCode()).isEqualTo(404);
        assertThat(text(afterDeletion)).isEqualTo(text(plain));
        assertThat(audited(AuditAction.ATTACHMENT_DOWNLOAD)).filteredOn(entry -> entry.targets().contains("via:signed_link"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.actor().value()).isEqualTo("d1");
                    assertThat(entry.outcome()).isEqualTo("not_found");
                });
    }

    @Test
    void a_link_is_good_for_its_own_file_only() {
        String otherFile = upload(patient, AttachmentEndpointsTest.png(300));
        String link = linkOf(linkUrl(patient, fileId));

        HttpResponse<byte[]> other = fetch("/api/chat/attachments/" + otherFile + "?link=" + link);

        assertRefusedLink(other, AttachmentLinks.NOT_VALID);
        assertThat(fetch("/api/chat/attachments/" + fileId + "?link=" + link).statusCode()).isEqualTo(200);
    }

    @Test
    void a_tampered_link_is_refused_whichever_part_was_changed() {
        String link = linkOf(linkUrl(doctor, fileId));
        String[] parts = link.split("\\.");
        String asPatient = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("p1".getBytes(StandardCharsets.UTF_8));
        String later = Long.toString(Long.parseLong(parts[3]) + 30_000);

        List<String> tampered = List.of(
                String.join(".", asPatient, parts[1], parts[2], parts[3], parts[4]),
                String.join(".", parts[0], parts[1], "ADMIN", parts[3], parts[4]),
                String.join(".", parts[0], parts[1], parts[2], later, parts[4]),
                String.join(".", parts[0], parts[1], parts[2], parts[3], flipped(parts[4])),
                String.join(".", parts[0], parts[1], parts[2], parts[3], respelled(parts[4])),
                String.join(".", parts[0], parts[1], parts[2], parts[3], parts[4].substring(0, 20)));

        for (String forged : tampered) {
            assertRefusedLink(fetch("/api/chat/attachments/" + fileId + "?link=" + forged), AttachmentLinks.NOT_VALID);
        }
    }

    /** One character of the mac changed, in the middle, where every bit counts. */
    private static String flipped(String mac) {
        int middle = mac.length() / 2;
        char c = mac.charAt(middle);
        return mac.substring(0, middle) + (c == 'A' ? 'B' : 'A') + mac.substring(middle + 1);
    }

    /** The same mac bytes spelled otherwise: the last character's unused low bits set (a decoder ignores them). */
    private static String respelled(String mac) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(mac.charAt(mac.length() - 1));
        return mac.substring(0, mac.length() - 1) + alphabet.charAt(last ^ 1);
    }

    @Test
    void malformed_empty_repeated_and_oversize_links_are_refused_with_401() {
        String good = linkOf(linkUrl(doctor, fileId));
        List<String> queries = List.of("link=", "link", "link=garbage", "link=a.b.c.d.e", "link=%00%0A",
                "link=" + good + "&link=" + good, "link=" + "A".repeat(513), "link=" + good + ".x" + "y".repeat(600));

        for (String query : queries) {
            assertRefusedLink(fetch("/api/chat/attachments/" + fileId + "?" + query), AttachmentLinks.NOT_VALID);
        }
        HttpResponse<byte[]> bigger = fetch("/api/chat/attachments/" + fileId + "?link=" + "A".repeat(20_000));
        assertThat(bigger.statusCode()).as("past the HTTP server's limit on the request line, refused before CareChat sees it")
                .isEqualTo(400);
        assertThat(bigger.body()).isNotEqualTo(bytes);
    }

    @Test
    void every_refused_link_is_audited_as_a_refused_authentication_without_the_link() {
        String good = linkOf(linkUrl(doctor, fileId));
        api.time.advance(Duration.ofMinutes(2));
        int before = audited(AuditAction.AUTHENTICATION).size();

        fetch("/api/chat/attachments/" + fileId + "?link=" + good);
        fetch("/api/chat/attachments/" + fileId + "?link=garbage");
        fetch("/api/chat/attachments/a_other?link=" + good);

        List<AuditEntry> refusals = audited(AuditAction.AUTHENTICATION);
        assertThat(refusals).hasSize(before + 3).allSatisfy(entry -> {
            assertThat(entry.actor().value()).isEqualTo("anonymous");
            assertThat(entry.outcome()).isEqualTo("unauthorized");
            assertThat(entry.targets()).isEmpty();
            assertThat(entry.toString()).doesNotContain(good);
        });
        assertThat(audited(AuditAction.ATTACHMENT_DOWNLOAD)).isEmpty();
    }

    @Test
    void a_bearer_token_and_a_link_together_are_refused_with_400_but_another_authorization_scheme_is_left_alone() {
        String url = linkUrl(doctor, fileId);

        HttpResponse<String> both = api.get(url, doctor);
        HttpResponse<byte[]> basic = api.sendForBytes(api.request(url, null).header("Authorization", "Basic dXNlcjpwYXNz").GET());

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("code").stringValue()).isEqualTo("BAD_REQUEST");
        assertThat(json(both).get("detail").stringValue()).isEqualTo("send either a bearer token or a link, not both");
        assertThat(basic.statusCode()).as("a proxy's basic credentials are not CareChat's").isEqualTo(200);
        assertThat(basic.body()).isEqualTo(bytes);
    }

    @Test
    void a_link_opens_only_the_get_of_the_download_and_is_an_unknown_parameter_everywhere_else() {
        String link = linkOf(linkUrl(doctor, fileId));

        HttpResponse<byte[]> head = api.sendForBytes(api.request("/api/chat/attachments/" + fileId + "?link=" + link, null)
                .method("HEAD", BodyPublishers.noBody()));
        HttpResponse<byte[]> headWithToken = api.sendForBytes(api.request("/api/chat/attachments/" + fileId + "?link=" + link, doctor)
                .method("HEAD", BodyPublishers.noBody()));
        HttpResponse<String> elsewhere = api.get("/api/chat/conversations?link=" + link, null);
        HttpResponse<String> elsewhereWithToken = api.get("/api/chat/conversations?link=" + link, doctor);
        HttpResponse<String> upload = api.sendWith("/api/chat/attachments?link=" + link, "POST", null,
                Map.of("Content-Type", "image/png"), BodyPublishers.ofByteArray(bytes));

        assertThat(head.statusCode()).isEqualTo(401);
        assertThat(headWithToken.statusCode()).isEqualTo(400);
        assertThat(elsewhere.statusCode()).isEqualTo(401);
        assertThat(elsewhereWithToken.statusCode()).isEqualTo(400);
        assertThat(json(elsewhereWithToken).get("detail").stringValue()).startsWith("unknown query parameter 'link'");
        assertThat(upload.statusCode()).isEqualTo(401);
    }

    @Test
    void a_link_acts_as_the_user_who_asked_for_it_even_for_the_uploader_and_for_a_removed_care_relationship() {
        String patientsUrl = linkUrl(patient, fileId);
        RestHarness.expect(api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", api.admin()), 200);
        String doctorsUrl = linkUrl(doctor, fileId);

        assertThat(fetch(patientsUrl).statusCode()).isEqualTo(200);
        assertThat(fetch(doctorsUrl).statusCode()).as("history, files included, stays readable after care ended").isEqualTo(200);
        assertThat(audited(AuditAction.ATTACHMENT_DOWNLOAD)).extracting(entry -> entry.actor().value())
                .containsExactlyInAnyOrder("p1", "d1");
    }

    @Test
    void the_link_spends_the_request_budget_of_the_user_who_asked() {
        try (RestHarness limited = RestHarness.builder().chat(ChatSettings.standard().withRateLimits(new RateLimits(
                new RateLimits.Budget(1, 4), RateLimits.DEFAULT_ADMINISTRATORS))).start()) {
            limited.seedClinic();
            String p1 = limited.token("p1", "patient");
            String id = json(limited.sendWith("/api/chat/attachments", "POST", p1, Map.of("Content-Type", "image/png"),
                    BodyPublishers.ofByteArray(bytes))).get("id").stringValue();
            String url = json(limited.get("/api/chat/attachments/" + id + "/link", p1)).get("url").stringValue();

            int first = limited.sendForBytes(limited.request(url, null).GET()).statusCode();
            int second = limited.sendForBytes(limited.request(url, null).GET()).statusCode();
            HttpResponse<byte[]> third = limited.sendForBytes(limited.request(url, null).GET());
            int tokenAfter = limited.get("/api/chat/unread-count", p1).statusCode();
            int someoneElse = limited.get("/api/chat/unread-count", limited.token("d1", "doctor")).statusCode();

            assertThat(first).isEqualTo(200);
            assertThat(second).isEqualTo(200);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(tokenAfter).as("the same budget as the user's token").isEqualTo(429);
            assertThat(someoneElse).isEqualTo(200);
        }
    }
}
