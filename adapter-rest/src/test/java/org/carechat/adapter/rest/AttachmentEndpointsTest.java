package org.carechat.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.adapter.rest.RestHarness.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carechat.application.ChatSettings;
import org.carechat.domain.attachment.AttachmentRules;
import org.carechat.domain.attachment.FileType;
import org.carechat.domain.attachment.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AttachmentEndpointsTest {
    private static final int LIMIT = 512 * 1024;

    private RestHarness api;
    private String patient;
    private String doctor;

    @BeforeEach
    void start() {
        api = RestHarness.builder()
                .chat(ChatSettings.standard().withRateLimits(RestHarness.LIFTED)
                        .withAttachmentRules(new AttachmentRules(LIMIT, EnumSet.allOf(FileType.class))))
                .start();
        api.seedClinic();
        patient = api.token("p1", "patient");
        doctor = api.token("d1", "doctor");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 7);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> upload(String token, byte[] bytes, String type, String name) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (type != null) {
            headers.put("Content-Type", type);
        }
        if (name != null) {
            headers.put("X-File-Name", name);
        }
        return api.sendWith("/api/chat/attachments", "POST", token, headers, BodyPublishers.ofByteArray(bytes));
    }

    private HttpResponse<byte[]> download(String token, String id) {
        return api.sendForBytes(api.request("/api/chat/attachments/" + id, token).GET());
    }

    @Test
    void a_png_upload_answers_201_with_the_attachment_and_its_location() {
        HttpResponse<String> response = upload(patient, png(1000), "image/png", "scan.png");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode attachment = json(response);
        String id = attachment.get("id").stringValue();
        assertThat(attachment.get("name").stringValue()).isEqualTo("scan.png");
        assertThat(attachment.get("mimeType").stringValue()).isEqualTo("image/png");
        assertThat(attachment.get("size").longValue()).isEqualTo(1000);
        assertThat(attachment.get("url").stringValue()).isEqualTo("/api/chat/attachments/" + id);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/chat/attachments/" + id);
    }

    @Test
    void a_pdf_with_a_name_beyond_ascii_is_stored_under_that_name() {
        HttpResponse<String> response = upload(patient, pdf(), "application/pdf", "UTF-8''Befund%20M%C3%BCller.pdf");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("name").stringValue()).isEqualTo("Befund Müller.pdf");
        assertThat(json(response).get("mimeType").stringValue()).isEqualTo("application/pdf");

        HttpResponse<byte[]> download = download(patient, json(response).get("id").stringValue());
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Befund M_ller.pdf\"; filename*=UTF-8''Befund%20M%C3%BCller.pdf");
    }

    @Test
    void the_uploader_downloads_the_bytes_with_safe_headers() {
        byte[] bytes = png(1500);
        String id = json(upload(patient, bytes, "image/png", "scan.png")).get("id").stringValue();

        HttpResponse<byte[]> response = download(patient, id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1500");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"scan.png\"; filename*=UTF-8''scan.png");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
    }

    @Test
    void head_answers_the_download_headers_without_the_bytes_under_the_same_access_rule() {
        String id = json(upload(patient, png(1500), "image/png", "scan.png")).get("id").stringValue();

        HttpResponse<byte[]> head = api.sendForBytes(api.request("/api/chat/attachments/" + id, patient)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        HttpResponse<byte[]> outsider = api.sendForBytes(api.request("/api/chat/attachments/" + id, doctor)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(head.headers().firstValue("Content-Length")).hasValue("1500");
        assertThat(head.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(head.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
        assertThat(outsider.statusCode()).isEqualTo(404);
    }

    @Test
    void the_other_participant_downloads_once_a_message_carries_it_and_a_third_user_never_does() {
        byte[] bytes = png(800);
        String id = json(upload(patient, bytes, "image/png", "rash.png")).get("id").stringValue();
        String conversation = api.conversation("p1", "patient", "d1");
        String outsider = api.token("p2", "patient");

        int doctorBefore = download(doctor, id).statusCode();
        HttpResponse<String> sent = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"image\",\"attachmentId\":\"" + id + "\"}");
        HttpResponse<byte[]> doctorAfter = download(doctor, id);
        HttpResponse<byte[]> third = download(outsider, id);
        HttpResponse<byte[]> random = download(outsider, "a_01NOSUCHATTACHMENT0000000");

        assertThat(doctorBefore).isEqualTo(404);
        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(json(sent).get("attachment").get("id").stringValue()).isEqualTo(id);
        assertThat(doctorAfter.statusCode()).isEqualTo(200);
        assertThat(doctorAfter.body()).isEqualTo(bytes);
        assertThat(third.statusCode()).isEqualTo(404);
        assertThat(new String(third.body(), StandardCharsets.UTF_8)).isEqualTo(new String(random.body(), StandardCharsets.UTF_8));
    }

    @Test
    void bytes_that_contradict_the_declared_type_are_refused_with_415() {
        HttpResponse<String> response = upload(patient, png(500), "application/pdf", "fake.pdf");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void bytes_of_no_known_type_are_refused_with_415() {
        HttpResponse<String> declared = upload(patient, "\u007FELF\u0002\u0001\u0001\u0000 a program".getBytes(StandardCharsets.ISO_8859_1),
                "text/plain", "a.txt");
        HttpResponse<String> undeclared = upload(patient, "MZ\u0090\u0000 an executable".getBytes(StandardCharsets.ISO_8859_1),
                "application/octet-stream", "setup.exe");

        assertThat(declared.statusCode()).isEqualTo(415);
        assertThat(undeclared.statusCode()).isEqualTo(415);
    }

    @Test
    void a_multipart_upload_is_refused_with_415_telling_to_send_the_raw_file() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nxx\r\n--b--\r\n";

        HttpResponse<String> response = upload(patient, body.getBytes(StandardCharsets.US_ASCII), "multipart/form-data; boundary=b", null);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("detail").stringValue()).contains("raw file");
    }

    @Test
    void a_known_length_over_the_limit_is_refused_with_413() {
        HttpResponse<String> response = upload(patient, png(LIMIT + 1), "image/png", "big.png");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(upload(patient, png(LIMIT), "image/png", "exact.png").statusCode()).isEqualTo(201);
    }

    @Test
    void an_announced_length_over_the_limit_is_refused_before_the_body_is_sent() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(api.base, "POST /api/chat/attachments HTTP/1.1\r\n"
                + "Authorization: Bearer " + patient + "\r\nContent-Type: image/png\r\nX-File-Name: huge.png\r\n"
                + "Content-Length: 104857600", new byte[0]);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.hasHeader("Connection", "close")).isTrue();
        assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_chunked_body_over_the_limit_stops_being_read_and_is_refused_with_413_and_connection_close() throws IOException {
        byte[] chunk = png(LIMIT + 100);
        byte[] start = concat(Integer.toHexString(chunk.length).getBytes(StandardCharsets.US_ASCII),
                new byte[] {'\r', '\n'}, chunk, new byte[] {'\r', '\n'});

        // the body never ends: an answer can only come from a server that stopped reading at the limit
        RawHttp.Answer answer = RawHttp.exchange(api.base, "POST /api/chat/attachments HTTP/1.1\r\n"
                + "Authorization: Bearer " + patient + "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked", start);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.hasHeader("Connection", "close")).isTrue();
        assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_chunked_body_within_the_limit_is_stored() {
        byte[] bytes = png(3000);
        HttpResponse<String> response = api.sendWith("/api/chat/attachments", "POST", patient,
                Map.of("Content-Type", "image/png", "X-File-Name", "streamed.png"),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("size").longValue()).isEqualTo(3000);
    }

    @Test
    void admins_cannot_upload_and_nobody_downloads_without_a_token() {
        String id = json(upload(patient, png(100), "image/png", "x.png")).get("id").stringValue();

        assertThat(upload(api.admin(), png(100), "image/png", "x.png").statusCode()).isEqualTo(403);
        assertThat(download(null, id).statusCode()).isEqualTo(401);
        assertThat(upload(null, png(100), "image/png", "x.png").statusCode()).isEqualTo(401);
    }

    // ---- uploads are bounded (issue 10, item 7)

    @Test
    void an_upload_past_the_uploaders_quota_is_refused_with_413_and_a_problem_naming_the_quota() throws IOException {
        try (RestHarness small = RestHarness.builder().chat(ChatSettings.standard().withAttachmentRules(
                new AttachmentRules(LIMIT, EnumSet.allOf(FileType.class)).withQuotaBytes(2500))).start()) {
            small.seedClinic();
            String p1 = small.token("p1", "patient");
            Map<String, String> png = Map.of("Content-Type", "image/png", "X-File-Name", "scan.png");

            HttpResponse<String> first = small.sendWith("/api/chat/attachments", "POST", p1, png, BodyPublishers.ofByteArray(png(2000)));
            HttpResponse<String> second = small.sendWith("/api/chat/attachments", "POST", p1, png, BodyPublishers.ofByteArray(png(600)));
            HttpResponse<String> chunked = small.sendWith("/api/chat/attachments", "POST", p1, png,
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(png(600))));
            HttpResponse<String> fits = small.sendWith("/api/chat/attachments", "POST", p1, png, BodyPublishers.ofByteArray(png(500)));
            HttpResponse<String> otherUser = small.sendWith("/api/chat/attachments", "POST", small.token("p2", "patient"), png,
                    BodyPublishers.ofByteArray(png(2000)));

            assertThat(first.statusCode()).isEqualTo(201);
            for (HttpResponse<String> refused : java.util.List.of(second, chunked)) {
                assertThat(refused.statusCode()).isEqualTo(413);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
                assertThat(json(refused).get("code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
                assertThat(json(refused).get("detail").stringValue())
                        .isEqualTo("the file does not fit in your storage quota of 2500 bytes (500 bytes left)");
            }
            assertThat(fits.statusCode()).isEqualTo(201);
            assertThat(otherUser.statusCode()).as("the quota is per uploader").isEqualTo(201);
        }
    }

    @Test
    void an_announced_length_past_the_quota_is_refused_before_the_body_is_sent() throws IOException {
        try (RestHarness small = RestHarness.builder().chat(ChatSettings.standard().withAttachmentRules(
                new AttachmentRules(LIMIT, EnumSet.allOf(FileType.class)).withQuotaBytes(2500))).start()) {
            small.seedClinic();

            RawHttp.Answer answer = RawHttp.exchange(small.base, "POST /api/chat/attachments HTTP/1.1\r\n"
                    + "Authorization: Bearer " + small.token("p1", "patient") + "\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 3000", new byte[0]);

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("storage quota");
        }
    }

    @Test
    void an_upload_no_message_carries_is_deleted_after_24_hours_with_an_audit_entry_and_a_sent_one_stays() {
        api.core.attachmentRetention().start();
        String unsent = json(upload(patient, pdf(), "application/pdf", "draft.pdf")).get("id").stringValue();
        String sent = json(upload(patient, png(300), "image/png", "rash.png")).get("id").stringValue();
        String conversation = api.conversation("p1", "patient", "d1");
        RestHarness.expect(api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"image\",\"attachmentId\":\"" + sent + "\"}"), 201);

        java.time.Instant later = RestHarness.START.plus(java.time.Duration.ofDays(3));
        String patientLater = org.carechat.application.port.fake.TestTokens.token("p1", "patient", later);
        String doctorLater = org.carechat.application.port.fake.TestTokens.token("d1", "doctor", later);
        String adminLater = org.carechat.application.port.fake.TestTokens.token("root", "admin", later);

        api.time.advance(java.time.Duration.ofHours(23));
        int unsentAfter23Hours = download(patientLater, unsent).statusCode();
        api.time.advance(java.time.Duration.ofHours(1).plusMinutes(10));
        HttpResponse<byte[]> unsentAfterADay = download(patientLater, unsent);
        HttpResponse<byte[]> sentAfterADay = download(doctorLater, sent);
        JsonNode trail = json(api.get("/api/admin/audit?userId=carechat:retention", adminLater));
        api.core.attachmentRetention().stop();

        assertThat(unsentAfter23Hours).isEqualTo(200);
        assertThat(unsentAfterADay.statusCode()).isEqualTo(404);
        assertThat(sentAfterADay.statusCode()).isEqualTo(200);
        assertThat(trail.get("items")).hasSize(1);
        JsonNode entry = trail.get("items").get(0);
        assertThat(entry.get("action").stringValue()).isEqualTo("attachment_expire");
        assertThat(entry.get("outcome").stringValue()).isEqualTo("ok");
        assertThat(entry.get("targets")).extracting(JsonNode::stringValue)
                .containsExactly("attachment:" + unsent, "user:p1");
    }

    @Test
    void a_patient_without_an_active_care_relationship_cannot_upload() {
        String stranger = api.token("p3", "patient");
        api.user("p3", "Pam Three", "patient");

        HttpResponse<String> none = upload(stranger, png(100), "image/png", "x.png");
        HttpResponse<String> before = upload(patient, png(100), "image/png", "x.png");
        RestHarness.expect(api.delete("/api/admin/care-relationships?patientId=p1&clinicianId=d1", api.admin()), 200);
        HttpResponse<String> after = upload(patient, png(100), "image/png", "x.png");

        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(json(none).get("code").stringValue()).isEqualTo("FORBIDDEN");
        assertThat(json(none).get("detail").stringValue()).isEqualTo("no active care relationship");
        assertThat(before.statusCode()).isEqualTo(201);
        assertThat(after.statusCode()).as("once care ended").isEqualTo(403);
    }

    @Test
    void a_clinician_uploads_while_consults_are_allowed_and_only_in_care_when_they_are_not() {
        try (RestHarness noConsults = RestHarness.builder().chat(ChatSettings.standard()
                .withCarePolicy(new org.carechat.domain.care.CarePolicy(false))).start()) {
            noConsults.seedClinic();
            String nurse = noConsults.token("n1", "nurse");
            String d1 = noConsults.token("d1", "doctor");
            Map<String, String> png = Map.of("Content-Type", "image/png");

            int nurseWithoutPatients = noConsults.sendWith("/api/chat/attachments", "POST", nurse, png,
                    BodyPublishers.ofByteArray(png(100))).statusCode();
            int doctorInCare = noConsults.sendWith("/api/chat/attachments", "POST", d1, png,
                    BodyPublishers.ofByteArray(png(100))).statusCode();

            assertThat(nurseWithoutPatients).isEqualTo(403);
            assertThat(doctorInCare).isEqualTo(201);
        }
        assertThat(upload(api.token("n1", "nurse"), png(100), "image/png", "x.png").statusCode())
                .as("consults allowed (the default): a nurse may send to colleagues").isEqualTo(201);
    }

    // ---- the file types of the maternity clinics, each checked on its bytes (issue 10, item 16)

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
        "image.jpg, image/jpeg", "image.png, image/png", "image.gif, image/gif", "image.webp, image/webp",
        "image.svg, image/svg+xml",
        "audio.mp3, audio/mpeg", "audio.wav, audio/wav", "audio-vorbis.ogg, audio/ogg", "audio.aac, audio/aac",
        "audio.m4a, audio/mp4", "audio.webm, audio/webm",
        "video.mp4, video/mp4", "video.webm, video/webm", "video.ogv, video/ogg", "video.avi, video/x-msvideo",
        "video.mov, video/quicktime", "video.wmv, video/x-ms-wmv",
        "report.pdf, application/pdf", "report.doc, application/msword",
        "report.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "notes.txt, text/plain", "results.xls, application/vnd.ms-excel",
        "results.xlsx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "slides.ppt, application/vnd.ms-powerpoint",
        "slides.pptx, application/vnd.openxmlformats-officedocument.presentationml.presentation"})
    void every_type_the_clinics_use_is_accepted_and_served_with_the_type_it_was_checked_as(String sample, String type) {
        byte[] bytes = Samples.bytes(sample);

        HttpResponse<String> declared = upload(patient, bytes, type, sample);
        HttpResponse<String> undeclared = upload(patient, bytes, "application/octet-stream", sample);

        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        assertThat(json(declared).get("mimeType").stringValue()).isEqualTo(type);
        assertThat(json(declared).get("name").stringValue()).isEqualTo(sample);
        assertThat(undeclared.statusCode()).isEqualTo(201);
        assertThat(json(undeclared).get("mimeType").stringValue()).as("the bytes decide").isEqualTo(type);
        HttpResponse<byte[]> download = download(patient, json(declared).get("id").stringValue());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(served ->
                assertThat(served.split(";")[0].strip()).isEqualTo(type));
    }

    @Test
    void a_quicktime_movie_is_served_as_video_quicktime_not_as_mp4() {
        HttpResponse<String> uploaded = upload(patient, Samples.bytes("video.mov"), null, "ultrasound.mov");

        assertThat(json(uploaded).get("mimeType").stringValue()).isEqualTo("video/quicktime");
        HttpResponse<byte[]> download = download(patient, json(uploaded).get("id").stringValue());
        assertThat(download.headers().firstValue("Content-Type")).hasValue("video/quicktime");
        assertThat(upload(patient, Samples.bytes("video.mov"), "video/mp4", "ultrasound.mp4").statusCode()).isEqualTo(415);
    }

    @ParameterizedTest(name = "{0} claiming {1}")
    @CsvSource({
        "report.docx, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "results.xlsx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "report.doc, application/vnd.ms-powerpoint",
        "slides.ppt, application/msword",
        "audio.webm, audio/ogg",
        "video.ogv, video/webm",
        "audio.wav, video/x-msvideo",
        "video.avi, image/webp",
        "video.mp4, video/quicktime",
        "notes.txt, application/pdf",
        "image.svg, image/png",
        "report.pdf, text/plain"})
    void a_file_claiming_one_type_but_holding_another_is_refused_with_415(String sample, String claimed) {
        HttpResponse<String> response = upload(patient, Samples.bytes(sample), claimed, sample);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void an_office_document_is_told_by_its_entries_not_its_name_and_gets_the_extension_of_what_it_is() {
        HttpResponse<String> response = upload(patient, Samples.bytes("report.docx"), null, "budget.xlsx");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("mimeType").stringValue())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(json(response).get("name").stringValue()).isEqualTo("budget.xlsx.docx");
    }

    @Test
    void a_zip_that_is_no_office_document_and_a_matroska_video_are_refused_with_415() throws IOException {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("payload.exe"));
            out.write("MZ".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(upload(patient, zip.toByteArray(), null, "report.docx").statusCode()).isEqualTo(415);
        assertThat(upload(patient, Samples.bytes("video.mkv"), "video/webm", "clip.webm").statusCode()).isEqualTo(415);
        assertThat(upload(patient, Samples.bytes("audio.wma"), null, "voice.wma").statusCode()).isEqualTo(415);
    }

    @Test
    void text_that_is_not_utf8_or_holds_binary_control_characters_is_refused_with_415() {
        byte[] latin1 = "Befund M\u00FCller".getBytes(StandardCharsets.ISO_8859_1);
        byte[] binary = "notes\u0000\u0001\u0002".getBytes(StandardCharsets.UTF_8);

        assertThat(upload(patient, latin1, "text/plain", "befund.txt").statusCode()).isEqualTo(415);
        assertThat(upload(patient, binary, "text/plain", "notes.txt").statusCode()).isEqualTo(415);
    }

    @Test
    void an_svg_is_served_only_as_a_sandboxed_download() {
        String id = json(upload(patient, Samples.bytes("image.svg"), "image/svg+xml", "chart.svg")).get("id").stringValue();

        HttpResponse<byte[]> get = download(patient, id);
        HttpResponse<byte[]> head = api.sendForBytes(api.request("/api/chat/attachments/" + id, patient)
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));

        for (HttpResponse<byte[]> response : java.util.List.of(get, head)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
            assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                    assertThat(disposition).startsWith("attachment;"));
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void an_image_message_never_carries_an_svg_but_a_file_message_does() {
        String svg = json(upload(patient, Samples.bytes("image.svg"), "image/svg+xml", "chart.svg")).get("id").stringValue();
        String conversation = api.conversation("p1", "patient", "d1");

        HttpResponse<String> asImage = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"image\",\"attachmentId\":\"" + svg + "\"}");
        HttpResponse<String> asFile = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"file\",\"attachmentId\":\"" + svg + "\"}");

        assertThat(asImage.statusCode()).isEqualTo(422);
        assertThat(asFile.statusCode()).isEqualTo(201);
    }

    @Test
    void a_voice_note_recorded_as_webm_goes_in_an_audio_message_and_a_webm_video_does_not() {
        String voice = json(upload(patient, Samples.bytes("audio.webm"), "audio/webm", "voice.webm")).get("id").stringValue();
        String video = json(upload(patient, Samples.bytes("video.webm"), "video/webm", "clip.webm")).get("id").stringValue();
        String conversation = api.conversation("p1", "patient", "d1");

        HttpResponse<String> voiceNote = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"audio\",\"attachmentId\":\"" + voice + "\"}");
        HttpResponse<String> videoAsAudio = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"audio\",\"attachmentId\":\"" + video + "\"}");
        HttpResponse<String> videoAsVideo = api.post("/api/chat/conversations/" + conversation + "/messages", patient,
                "{\"type\":\"video\",\"attachmentId\":\"" + video + "\"}");

        assertThat(voiceNote.statusCode()).isEqualTo(201);
        assertThat(videoAsAudio.statusCode()).isEqualTo(422);
        assertThat(videoAsVideo.statusCode()).isEqualTo(201);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
