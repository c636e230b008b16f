package org.carechat.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.carechat.adapter.web.WebClient;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web client in two real browsers against the real server: a patient (Pat Doe, p1) and her doctor (Dr. Ada
 * Smith, d1), one conversation from first sign-in to a video call, a server restart and the end of their care
 * relationship. The steps run in order on the same two browsers, as a person would use it; each step says what
 * it checks. The server keeps its data in the embedded store, so that it can be restarted on the same port.
 * Screenshots of the main views go to {@code target/screenshots/} (docs/screenshots/ holds copies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;

    private final AtomicReference<TestServer> current = new AtomicReference<>();
    private TestServer test;
    private Browser patient;
    private Browser doctor;
    private String base;
    private int port;

    private TestServer startServer(int onPort, boolean seed) {
        Map<Option, String> options = TestServer.base();
        options.put(Option.PORT, Integer.toString(onPort));
        options.put(Option.STORE, "embedded");
        options.put(Option.DATA_DIR, data.toString());
        TestServer started = TestServer.start(options, null, seed, builder -> builder.demoPeople(jwt -> List.of(
                new WebClient.DemoPerson("p1", "Pat Doe", "patient", null, current.get().token("p1")),
                new WebClient.DemoPerson("d1", "Dr. Ada Smith", "doctor", "cardiology", current.get().token("d1")))));
        current.set(started);
        return started;
    }

    @BeforeAll
    void start() {
        test = startServer(0, true);
        port = test.server.port();
        base = "http://localhost:" + port;
        patient = Browser.open(1200, 820);
        doctor = Browser.open(1200, 820);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {patient, doctor, current.get()}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others are still closed
            }
        }
    }

    /** The stored message (it has a seq) holding this text, the newest such, in this browser's open conversation. */
    private static WebElement message(Browser browser, String text) {
        return item(browser, text, "[@data-seq!='']");
    }

    /** A message not stored yet (no seq: sending, or waiting for the connection) holding this text. */
    private static WebElement pending(Browser browser, String text) {
        return item(browser, text, "[@data-seq='']");
    }

    private static WebElement item(Browser browser, String text, String condition) {
        return browser.until(d -> {
            List<WebElement> found = d.findElements(By.xpath("//li[contains(@class,'message')]" + condition
                    + "[.//*[contains(@class,'text')][contains(., " + xpathLiteral(text) + ")]]"));
            return found.isEmpty() ? null : found.get(found.size() - 1);
        }, "a message holding '" + text + "'");
    }

    private static String xpathLiteral(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    private static void send(Browser browser, String text) {
        WebElement compose = browser.find("#compose");
        compose.sendKeys(text);
        compose.sendKeys(Keys.ENTER);
    }

    @Test
    @Order(1)
    void a_patient_picks_herself_from_the_demo_list_and_a_doctor_pastes_his_token() {
        patient.go(base + "/");
        patient.click("button.person[data-person-id='p1']");
        patient.find(".connection[data-state='online']");
        patient.find(".topbar .me[data-me='p1']");
        assertThat(patient.script("const t = sessionStorage.getItem('carechat.token');"
                + "return JSON.parse(atob(t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub")).isEqualTo("p1");

        doctor.go(base + "/");
        doctor.type("#token", test.token("d1"));
        doctor.click(".token-form button[type='submit']");
        doctor.find(".connection[data-state='online']");
        doctor.waitForText(".empty", "Pick a conversation");
        patient.screenshot(SHOTS.resolve("01-signed-in.png"));
    }

    @Test
    @Order(2)
    void she_starts_a_conversation_and_her_message_goes_sending_sent_delivered_read() {
        patient.click(".new-conversation");
        patient.waitForText(".contact[data-person-id='d1']", "Dr. Ada Smith");
        assertThat(patient.all(".contact").stream().map(e -> e.getAttribute("data-person-id")))
                .as("only people she is in care with").containsExactlyInAnyOrder("d1", "n1");
        patient.click(".contact[data-person-id='d1']");
        patient.find(".conversation-view");
        // every status the patient's page shows for her message, in order
        patient.script("window.__statuses = [];"
                + "new MutationObserver(records => records.forEach(r => {"
                + "  const li = r.target.closest ? r.target : r.target.parentElement;"
                + "  document.querySelectorAll('.message.mine').forEach(m => {"
                + "    const s = m.getAttribute('data-status');"
                + "    if (window.__statuses[window.__statuses.length - 1] !== s) window.__statuses.push(s); });"
                + "})).observe(document.querySelector('.messages'), {subtree: true, childList: true, attributes: true,"
                + " attributeFilter: ['data-status']});");
        send(patient, "Hello doctor, my results came back.");
        patient.until(d -> "delivered".equals(message(patient, "Hello doctor, my results came back.")
                        .getAttribute("data-status")) ? true : null,
                "the message delivered to the doctor's open page");

        doctor.waitForText(".conversation[data-conversation-id] .name", "Pat Doe");
        doctor.waitForText(".conversation .badge", "1");
        doctor.waitForText(".conversation .last", "Hello doctor, my results came back.");
        doctor.click(".conversation[data-conversation-id]");
        message(doctor, "Hello doctor, my results came back.");
        patient.until(d -> "read".equals(message(patient, "Hello doctor, my results came back.").getAttribute("data-status"))
                ? true : null, "the message read");
        doctor.waitGone(".conversation .badge");
        doctor.until(d -> "CareChat".equals(doctor.script("return document.title")) ? true : null, "no unread in the title");
        @SuppressWarnings("unchecked")
        List<String> statuses = (List<String>) patient.script("return window.__statuses;");
        assertThat(statuses).containsSubsequence("sending", "sent", "delivered", "read");
        assertThat(patient.find(".ticks.read").getAttribute("aria-label")).isEqualTo("Read");
    }

    @Test
    @Order(3)
    void typing_shows_on_the_other_side_and_ends_with_the_message() {
        doctor.find("#compose").sendKeys("Let me have a look");
        patient.waitForText(".typing", "Dr. Ada Smith is typing");
        doctor.find("#compose").sendKeys(" at them now.", Keys.ENTER);
        message(patient, "Let me have a look at them now.");
        patient.until(d -> d.findElement(By.cssSelector(".typing")).getText().isEmpty() ? true : null, "typing ended");

        patient.find("#compose").sendKeys("Thank you");
        doctor.waitForText(".typing", "Pat Doe is typing");
        patient.find("#compose").sendKeys("!", Keys.ENTER);
        message(doctor, "Thank you!");
    }

    @Test
    @Order(4)
    void markup_in_a_message_is_shown_as_text_and_never_runs() {
        String markup = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script><b>bold?</b>";
        send(doctor, markup);
        WebElement shown = message(patient, "<script>window.pwned=2</script>");
        assertThat(shown.findElement(By.cssSelector(".text")).getText()).isEqualTo(markup);
        assertThat(shown.findElements(By.cssSelector("b, script, img[src='x']"))).isEmpty();
        assertThat(patient.script("return window.pwned === undefined")).isEqualTo(true);
        assertThat(patient.script("return document.title")).isEqualTo("CareChat");
    }

    @Test
    @Order(5)
    void an_image_she_attaches_is_previewed_on_his_side_through_a_signed_link() throws Exception {
        Path picture = data.resolve("rash.png");
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf4d6c8));
        g.fillRect(0, 0, 160, 120);
        g.setColor(new Color(0xc0392b));
        g.fillOval(50, 30, 60, 50);
        g.dispose();
        ImageIO.write(image, "png", picture.toFile());

        patient.find("#attach-file").sendKeys(picture.toAbsolutePath().toString());
        WebElement theirs = doctor.until(d -> {
            List<WebElement> pictures = d.findElements(By.cssSelector(".message.theirs img.picture"));
            return pictures.isEmpty() ? null : pictures.get(0);
        }, "the image previewed on the doctor's side");
        doctor.until(d -> ((Number) doctor.script("return arguments[0].naturalWidth", theirs)).intValue() == 160 ? true : null,
                "the image loaded");
        assertThat(theirs.getAttribute("src")).contains("/api/chat/attachments/").contains("link=");
        assertThat(theirs.getAttribute("alt")).isEqualTo("rash.png");
        patient.until(d -> ((Number) patient.script("const i = document.querySelector('.message.mine img.picture');"
                + "return i ? i.naturalWidth : 0")).intValue() == 160 ? true : null, "her own preview");
        doctor.waitForText(".conversation .last", "Photo");
    }

    @Test
    @Order(6)
    void she_edits_one_message_and_deletes_another() {
        send(patient, "I forgot to say: I have a rahs");
        WebElement typo = message(patient, "I forgot to say: I have a rahs");
        message(doctor, "I forgot to say: I have a rahs");
        typo.findElement(By.cssSelector(".edit-button")).click();
        WebElement editor = patient.find("form.edit textarea");
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), "I forgot to say: I have a rash");
        patient.click("form.edit .save");
        WebElement edited = message(doctor, "I forgot to say: I have a rash");
        patient.until(d -> message(patient, "I forgot to say: I have a rash").findElements(By.cssSelector(".edited"))
                .isEmpty() ? null : true, "her own message shown edited");
        doctor.until(d -> edited.findElements(By.cssSelector(".edited")).isEmpty() ? null : true, "marked edited");

        send(patient, "Please ignore this one");
        WebElement wrong = message(patient, "Please ignore this one");
        String seq = wrong.getAttribute("data-seq");
        message(doctor, "Please ignore this one");
        wrong.findElement(By.cssSelector(".delete")).click();
        patient.click(".confirm .confirm-delete");
        doctor.waitForText(".message[data-seq='" + seq + "'] .tombstone", "Message deleted");
        patient.waitForText(".message[data-seq='" + seq + "'] .tombstone", "Message deleted");
        assertThat(doctor.find(".message[data-seq='" + seq + "']").getText()).doesNotContain("Please ignore this one");
    }

    @Test
    @Order(7)
    void he_replies_with_a_quote_and_she_reacts() {
        message(doctor, "I forgot to say: I have a rash").findElement(By.cssSelector(".reply")).click();
        doctor.waitForText(".replying", "I forgot to say: I have a rash");
        send(doctor, "Is it itchy?");
        WebElement reply = message(patient, "Is it itchy?");
        assertThat(reply.findElement(By.cssSelector(".quote")).getText()).contains("You")
                .contains("I forgot to say: I have a rash");
        assertThat(message(doctor, "Is it itchy?").findElement(By.cssSelector(".quote")).getText())
                .contains("Pat Doe").contains("I forgot to say: I have a rash");

        reply.findElement(By.cssSelector(".react")).click();
        patient.click(".palette .emoji[aria-label='React 👍']");
        WebElement theirs = message(doctor, "Is it itchy?");
        doctor.until(d -> theirs.findElements(By.cssSelector(".reaction")).stream()
                .anyMatch(r -> r.getText().equals("👍 1")) ? true : null, "her reaction on his side");
        patient.until(d -> "true".equals(message(patient, "Is it itchy?").findElement(By.cssSelector(".reaction"))
                .getAttribute("aria-pressed")) ? true : null, "her reaction pressed on her side");
        patient.screenshot(SHOTS.resolve("02-conversation.png"));
    }

    @Test
    @Order(8)
    void a_video_call_connects_both_peers_and_is_recorded_in_the_history() {
        patient.click(".call-video");
        patient.waitForText(".call .call-title", "Calling Dr. Ada Smith");
        doctor.waitForText(".call .call-title", "Pat Doe is calling you (video call)");
        doctor.screenshot(SHOTS.resolve("03-incoming-call.png"));
        doctor.click(".call .accept");
        for (Browser side : List.of(patient, doctor)) {
            side.find(".call[data-connection-state='connected']");
            side.find(".call[data-phase='connected']");
        }
        doctor.until(d -> ((Number) doctor.script("const v = document.querySelector('.call video.remote');"
                + "return v && v.srcObject ? v.srcObject.getTracks().length : 0")).intValue() >= 2 ? true : null,
                "his side receiving her audio and video");
        patient.click(".call .mute-mic");
        assertThat(patient.find(".call .mute-mic").getAttribute("aria-pressed")).isEqualTo("true");
        patient.screenshot(SHOTS.resolve("04-in-call.png"));
        patient.click(".call .hang-up");
        patient.waitGone(".call");
        doctor.waitGone(".call");
        patient.waitForText(".call-record", "Video call");
        doctor.waitForText(".call-record", "Video call");
    }

    @Test
    @Order(9)
    void at_phone_width_the_list_and_the_conversation_take_turns() {
        doctor.driver.manage().window().setSize(new Dimension(390, 800));
        try {
            doctor.click(".conversation-view .back");
            doctor.find(".sidebar .conversation[data-conversation-id]");
            assertThat(doctor.all(".conversation-view")).isEmpty();
            doctor.screenshot(SHOTS.resolve("05-list-phone.png"));
            doctor.click(".conversation[data-conversation-id]");
            doctor.find(".conversation-view .back");
            assertThat(doctor.driver.findElement(By.cssSelector(".sidebar")).isDisplayed()).isFalse();
            // the keyboard alone: the composer has the focus after a Tab from the attach button, Enter sends
            doctor.find(".composer .attach").sendKeys(Keys.TAB, "Sent from the keyboard", Keys.ENTER);
            message(patient, "Sent from the keyboard");
        } finally {
            doctor.driver.manage().window().setSize(new Dimension(1200, 820));
        }
    }

    @Test
    @Order(10)
    void after_a_server_restart_both_reconnect_and_catch_up_without_duplicates_or_gaps() throws Exception {
        String conversationId = patient.find(".conversation-view").getAttribute("data-conversation-id");
        current.get().close();
        patient.find(".connection[data-state='reconnecting']");
        doctor.find(".connection[data-state='reconnecting']");
        send(patient, "Sent while the server was down");
        patient.until(d -> "failed".equals(pending(patient, "Sent while the server was down").getAttribute("data-status"))
                ? true : null, "her message waiting for the connection");

        test = startServer(port, false);
        // the doctor writes over REST at once: her page gets it by event or by sync, whichever comes first
        HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversationId + "/messages", "d1",
                "{\"content\":\"Written right after the restart\",\"clientMessageId\":\"d1-after-restart\"}");
        assertThat(sent.statusCode()).isEqualTo(201);
        patient.find(".connection[data-state='online']");
        doctor.find(".connection[data-state='online']");
        message(patient, "Written right after the restart");
        message(doctor, "Sent while the server was down");
        patient.until(d -> List.of("sent", "delivered", "read").contains(
                message(patient, "Sent while the server was down").getAttribute("data-status")) ? true : null,
                "her waiting message sent once the connection was back");
        for (Browser side : List.of(patient, doctor)) {
            side.until(d -> side.all(".message[data-seq='" + lastSeq(sent) + "']").size() == 1 ? true : null,
                    "the newest message shown once");
            List<Long> seqs = new ArrayList<>();
            for (WebElement item : side.all(".message")) {
                seqs.add(Long.parseLong(item.getAttribute("data-seq")));
            }
            assertThat(seqs).as("seq, gap-free and each once").doesNotHaveDuplicates().isSorted();
            assertThat(seqs.get(seqs.size() - 1) - seqs.get(0) + 1).isEqualTo(seqs.size());
            assertThat(side.all(".message").stream().filter(m -> m.getText().contains("Sent while the server was down")))
                    .hasSize(1);
        }
    }

    private static long lastSeq(HttpResponse<String> sent) {
        java.util.regex.Matcher seq = java.util.regex.Pattern.compile("\"seq\":(\\d+)").matcher(sent.body());
        assertThat(seq.find()).isTrue();
        return Long.parseLong(seq.group(1));
    }

    @Test
    @Order(11)
    void messages_written_while_she_reconnects_arrive_once_and_in_order() throws Exception {
        // a second restart, and the doctor writing (over REST) from the moment the server is back: some messages
        // are stored before her socket is open (she must sync them), some while she catches up, some after
        String conversationId = patient.find(".conversation-view").getAttribute("data-conversation-id");
        current.get().close();
        patient.find(".connection[data-state='reconnecting']");
        test = startServer(port, false);
        int count = 30;
        for (int i = 1; i <= count; i++) {
            HttpResponse<String> sent = test.send("POST", "/api/chat/conversations/" + conversationId + "/messages", "d1",
                    "{\"content\":\"Meanwhile " + i + "\",\"clientMessageId\":\"d1-meanwhile-" + i + "\"}");
            assertThat(sent.statusCode()).isEqualTo(201);
            Thread.sleep(40);
        }
        patient.find(".connection[data-state='online']");
        message(patient, "Meanwhile " + count);
        patient.until(d -> {
            List<Long> seqs = new ArrayList<>();
            for (WebElement item : patient.all(".message")) {
                seqs.add(Long.parseLong(item.getAttribute("data-seq")));
            }
            return seqs.size() == new java.util.HashSet<>(seqs).size()
                    && seqs.get(seqs.size() - 1) - seqs.get(0) + 1 == seqs.size() ? true : null;
        }, "every seq once, without a gap");
        for (int i = 1; i <= count; i++) {
            int n = i;
            assertThat(patient.all(".message").stream().filter(m -> m.getText().contains("Meanwhile " + n + "\n")
                    || m.getText().endsWith("Meanwhile " + n))).as("Meanwhile " + n).hasSize(1);
        }
    }

    @Test
    @Order(12)
    void when_an_administrator_ends_their_care_relationship_both_see_it_read_only() throws Exception {
        HttpResponse<String> revoked = test.send("DELETE", "/api/admin/care-relationships?patientId=p1&clinicianId=d1",
                "admin", null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        for (Browser side : List.of(patient, doctor)) {
            side.waitForText(".readonly-banner", "This care relationship has ended");
            side.waitGone("#compose");
            assertThat(side.find(".call-video").isEnabled()).isFalse();
            message(side, "Hello doctor, my results came back.");
        }
    }

    @Test
    @Order(13)
    void nothing_was_refused_by_the_content_security_policy_and_no_script_failed() {
        for (Browser side : List.of(patient, doctor)) {
            List<String> severe = side.severeLogs();
            assertThat(severe).noneMatch(line -> line.contains("Content Security Policy"))
                    .noneMatch(line -> line.contains("Uncaught"));
        }
    }
}
