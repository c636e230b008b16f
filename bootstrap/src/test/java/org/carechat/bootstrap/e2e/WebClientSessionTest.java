package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client of a doctor with two patients, in a real headless Chromium against the real server (memory
 * store, no demo mode), the patients played over REST and WebSocket: a refused token, history paged on scroll,
 * pinned first and muted shown, search, a file downloaded, an upload's progress, a call declined, sign-out and the
 * idle sign-out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientSessionTest {
    static final int HISTORY = 120;

    @TempDir
    static Path downloads;

    private TestServer test;
    private Browser doctor;
    private String base;
    private String withPat;
    private String withSam;

    @BeforeAll
    void start() throws Exception {
        // urgent messages nobody acknowledges are followed up within seconds, so the browser shows both steps
        test = TestServer.start(Map.of(Option.RATE_PER_SECOND, "2000", Option.RATE_BURST, "2000",
                Option.URGENT_REMIND_AFTER, "3s", Option.URGENT_ESCALATE_AFTER, "3s"), null);
        base = "http://localhost:" + test.server.port();
        withPat = idOf(test.send("POST", "/api/chat/conversations", "p1", "{\"participantId\":\"d1\"}"));
        withSam = idOf(test.send("POST", "/api/chat/conversations", "p2", "{\"participantId\":\"d1\"}"));
        for (int i = 1; i <= HISTORY; i++) {
            post(withPat, "p1", "history message " + i);
        }
        post(withSam, "p2", "Hello from Sam");
        doctor = Browser.open(1200, 820, downloads);
    }

    @AfterAll
    void stop() {
        if (doctor != null) {
            doctor.close();
        }
        if (test != null) {
            test.close();
        }
    }

    private void post(String conversation, String from, String text) throws Exception {
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversation + "/messages", from,
                "{\"content\":\"" + text + "\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
    }

    /** A small valid PDF, padded to {@code size} bytes with a comment stream the reader skips. */
    private static byte[] pdf(int size) {
        String head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n";
        String tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] start = head.getBytes(StandardCharsets.US_ASCII);
        byte[] end = tail.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, bytes, 0, start.length);
        bytes[start.length] = '%';
        System.arraycopy(end, 0, bytes, size - end.length, end.length);
        return bytes;
    }

    private static String idOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).isBetween(200, 201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private void signIn(String token) {
        doctor.go(base + "/");
        doctor.type("#token", token);
        doctor.click(".token-form button[type='submit']");
    }

    private List<Long> seqsShown() {
        List<Long> seqs = new ArrayList<>();
        for (WebElement item : doctor.all(".message")) {
            seqs.add(Long.parseLong(item.getAttribute("data-seq")));
        }
        return seqs;
    }

    @Test
    @Order(1)
    void a_token_that_is_not_one_or_that_the_server_refuses_does_not_sign_in() {
        doctor.go(base + "/");
        assertThat(doctor.all(".demo-people")).as("no demo list outside demo mode").isEmpty();
        doctor.waitForText(".token-form label", "Paste your token");
        doctor.type("#token", "not-a-token");
        doctor.click(".token-form button[type='submit']");
        doctor.waitForText(".token-form .error", "That is not a token");

        String forged = test.token("d1").replaceAll(".{4}$", "AAAA");
        doctor.clear("#token");
        signIn(forged);
        doctor.waitForText(".signin .notice", "The server did not accept your sign-in");
        assertThat(doctor.script("return sessionStorage.getItem('carechat.token')")).isNull();
    }

    @Test
    @Order(2)
    void the_history_is_paged_in_as_he_scrolls_up() {
        signIn(test.token("d1"));
        doctor.click(".conversation[data-conversation-id='" + withPat + "']");
        doctor.until(d -> seqsShown().size() == 50 ? true : null, "the newest page");
        assertThat(seqsShown()).startsWith(71L).endsWith(120L);
        for (int pages = 0; pages < 5 && seqsShown().size() < HISTORY; pages++) {
            int before = seqsShown().size();
            doctor.script("const list = document.querySelector('.messages'); list.scrollTop = 0;"
                    + "list.dispatchEvent(new Event('scroll'));");
            doctor.until(d -> seqsShown().size() > before ? true : null, "an older page");
        }
        List<Long> seqs = seqsShown();
        assertThat(seqs).hasSize(HISTORY).doesNotHaveDuplicates().isSorted().startsWith(1L).endsWith((long) HISTORY);
        doctor.waitForText(".messages .start", "Start of the conversation");
    }

    @Test
    @Order(3)
    void pinned_conversations_come_first_and_muted_ones_show_it() {
        doctor.until(d -> withSam.equals(doctor.all(".conversation").get(0).getAttribute("data-conversation-id"))
                ? true : null, "Sam's newer conversation first");
        doctor.click(".conversation-head .pin");
        doctor.until(d -> withPat.equals(doctor.all(".conversation").get(0).getAttribute("data-conversation-id"))
                ? true : null, "the pinned conversation first");
        doctor.find(".conversation[data-conversation-id='" + withPat + "'] .flag.pinned");
        doctor.click(".conversation[data-conversation-id='" + withSam + "']");
        doctor.click(".conversation-head .mute");
        doctor.find(".conversation.muted[data-conversation-id='" + withSam + "'] .flag.muted");
        doctor.waitForText(".conversation-head .mute", "Unmute");
    }

    @Test
    @Order(4)
    void search_finds_people_by_name_and_messages_by_their_text() throws Exception {
        doctor.type("#search", "Sam");
        doctor.until(d -> doctor.all(".conversation").size() == 1 ? true : null, "only Sam's conversation");
        assertThat(doctor.all(".conversation").get(0).getAttribute("data-conversation-id")).isEqualTo(withSam);
        doctor.clear("#search");
        // the page renders again between the clearing and the typing (a message arrives): the field stays empty
        post(withSam, "p2", "Sam again");
        doctor.waitForText(".conversation[data-conversation-id='" + withSam + "'] .last", "Sam again");
        assertThat(doctor.find("#search").getAttribute("value")).isEmpty();
        // the answer to an older query ("history": the newest twenty, 101 to 120) comes in after the newer one's
        doctor.script("window.__fetch = window.fetch; window.__late = 'asked';"
                + "window.fetch = (url, init) => String(url).includes('query=history&')"
                + " ? (window.__late = 'sent', new Promise(r => setTimeout(r, 1500)).then(() => window.__fetch(url, init))"
                + "   .then(answer => { setTimeout(() => window.__late = 'shown', 300); return answer; }))"
                + " : window.__fetch(url, init);");
        doctor.type("#search", "history");
        doctor.until(d -> "sent".equals(doctor.script("return window.__late")) ? true : null, "the slow search sent");
        doctor.type("#search", " message 77");
        doctor.waitForText(".found .found-message", "history message 77");
        doctor.until(d -> "shown".equals(doctor.script("return window.__late")) ? true : null, "the slow answer in");
        assertThat(doctor.all(".found .found-message")).as("only the newer query's answer").singleElement()
                .satisfies(found -> assertThat(found.getText()).contains("history message 77"));
        doctor.script("window.fetch = window.__fetch;");

        // a search the server refuses says so, instead of claiming nothing was found
        doctor.clear("#search");
        doctor.type("#search", "x".repeat(201));
        doctor.waitForText(".found .error", "The search did not work: query must be 1..200 characters");
        assertThat(doctor.all(".found .empty")).isEmpty();

        doctor.clear("#search");
        doctor.type("#search", "history message 77");
        doctor.waitForText(".found .found-message", "history message 77");
        doctor.click(".found .found-message");
        doctor.find(".conversation-view[data-conversation-id='" + withPat + "']");
        doctor.clear("#search");
        doctor.until(d -> doctor.all(".conversation").size() == 2 ? true : null, "both conversations again");
    }

    @Test
    @Order(5)
    void a_file_she_sends_is_downloaded_through_a_signed_link_and_an_upload_shows_its_progress() throws Exception {
        byte[] text = "Blood pressure diary\n120/80 Monday\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> uploaded = test.http.send(HttpRequest.newBuilder(test.http("/api/chat/attachments"))
                .header("Authorization", "Bearer " + test.token("p1")).header("Content-Type", "text/plain")
                .header("X-File-Name", "diary.txt").POST(HttpRequest.BodyPublishers.ofByteArray(text)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(201);
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + withPat + "/messages", "p1",
                "{\"type\":\"file\",\"attachmentId\":\"" + idOf(uploaded) + "\",\"content\":\"my diary\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
        doctor.click(".conversation[data-conversation-id='" + withPat + "']");
        doctor.waitForText(".message .download", "diary.txt");
        doctor.click(".message .download");
        Path file = downloads.resolve("diary.txt");
        doctor.until(d -> Files.exists(file) ? true : null, "the file in the downloads folder");
        doctor.until(d -> {
            try {
                return java.util.Arrays.equals(Files.readAllBytes(file), text) ? true : null;
            } catch (java.io.IOException e) {
                return null;
            }
        }, "the whole file");

        // his own upload: the progress bar shows while it goes
        Path large = downloads.resolve("scan.pdf");
        Files.write(large, pdf(8 * 1024 * 1024));
        doctor.script("window.__progress = 0; new MutationObserver(() => { const bar = document.querySelector("
                + "'.upload progress'); if (bar) window.__progress = Math.max(window.__progress, bar.value); })"
                + ".observe(document.body, {subtree: true, childList: true, attributes: true});");
        doctor.find("#attach-file").sendKeys(large.toAbsolutePath().toString());
        doctor.until(d -> doctor.all(".message.mine .download").stream().anyMatch(b -> b.getText().contains("scan.pdf"))
                ? true : null, "the upload sent");
        assertThat(doctor.all(".composer .error")).isEmpty();
        assertThat(((Number) doctor.script("return window.__progress")).doubleValue()).as("the bar moved").isGreaterThan(0);
    }

    @Test
    @Order(6)
    void he_declines_a_call_and_the_caller_hears_it() throws Exception {
        try (WsClient pat = test.connect("p1")) {
            pat.send("{\"event\":\"call_request\",\"id\":\"c1\",\"data\":{\"to\":\"d1\",\"media\":\"audio\"}}");
            pat.awaitReply("c1");
            doctor.waitForText(".call .call-title", "Pat Doe is calling you (voice call)");
            doctor.click(".call .decline");
            assertThat(pat.awaitEvent("call_rejected").path("data").path("by").asText()).isEqualTo("d1");
            doctor.waitGone(".call");
            doctor.waitForText(".call-record", "Voice call");
        }
    }

    @Test
    @Order(7)
    void an_urgent_message_stands_out_he_acknowledges_it_and_sends_one_himself() throws Exception {
        doctor.click(".conversation[data-conversation-id='" + withSam + "']");
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + withSam + "/messages", "p2",
                "{\"content\":\"I fainted twice today\",\"priority\":\"urgent\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
        String urgent = ".message.urgent[data-message-id='" + idOf(sent) + "']";

        doctor.waitForText(urgent + " .urgent-badge", "Urgent");
        doctor.click(urgent + " .acknowledge");
        doctor.waitForText(urgent + " .acknowledged", "Acknowledged by You");
        doctor.waitGone(urgent + " .acknowledge");
        assertThat(test.send("GET", "/api/chat/conversations/" + withSam + "/messages", "p2", null).body())
                .as("Sam sees who acknowledged it").contains("\"acknowledgements\":[{\"userId\":\"d1\"");

        doctor.find("#urgent").click();
        doctor.type("#compose", "Please call the ward now");
        doctor.click(".composer .send");
        doctor.waitForText(".message.mine.urgent", "Please call the ward now");
        doctor.waitForText(".message.mine.urgent .unacknowledged", "Not acknowledged yet");
        assertThat(doctor.find("#urgent").isSelected()).as("the next message is routine again").isFalse();
        // Sam does not acknowledge: 3 s later he is reminded, 3 s after that it is escalated; the sender sees both
        doctor.waitForText(".message.mine.urgent .followed-up", "Reminder sent");
        doctor.waitForText(".message.mine.urgent .followed-up", "Escalated");
    }

    @Test
    @Order(8)
    void he_is_told_when_someone_opens_break_glass_access_to_his_patient() throws Exception {
        // the nurse is in care with Pat, not with Sam, whose doctor he is
        HttpResponse<String> opened = test.send("POST", "/api/chat/break-glass", "n1",
                "{\"patientId\":\"p2\",\"reason\":\"Sam found unconscious in the car park\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        doctor.waitForText(".app-notice", "Nurse Joan Park opened emergency access to the conversations of Sam Lee");
        doctor.waitForText(".app-notice", "Reason given: Sam found unconscious in the car park");
    }

    @Test
    @Order(9)
    void signing_out_forgets_the_token() {
        doctor.click(".topbar .signout");
        doctor.waitForText(".signin .notice", "You are signed out");
        assertThat(doctor.script("return sessionStorage.getItem('carechat.token')")).isNull();
        doctor.go(base + "/");
        doctor.find("#token");
    }

    @Test
    @Order(10)
    void an_idle_client_signs_itself_out() {
        try (TestServer idle = TestServer.start(Map.of(Option.WEB_IDLE_SIGNOUT, "3s"), null)) {
            doctor.go("http://localhost:" + idle.server.port() + "/");
            doctor.type("#token", idle.token("d1"));
            doctor.click(".token-form button[type='submit']");
            // the notice names the server's setting: only a signed-in session, told 3 s, writes it
            doctor.waitForText(".signin .notice", "Signed out after 3 seconds without activity");
            assertThat(doctor.script("return sessionStorage.getItem('carechat.token')")).isNull();
        }
    }
}
