package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.attachment.FileSnifferTest.file;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentRulesTest {
    private static final byte[] PNG = Samples.bytes("image.png");
    private static final byte[] PDF = Samples.bytes("report.pdf");
    private static final byte[] EXE = file("MZ", 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00);

    private final AttachmentRules rules = AttachmentRules.standard();

    @Test
    void standard_rules_allow_every_known_type_up_to_50_mib_a_gibibyte_per_uploader_and_keep_unsent_files_a_day() {
        assertThat(rules.maxBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(rules.allowed()).containsExactlyInAnyOrder(FileType.values());
        assertThat(rules.quotaBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(rules.unreferencedRetention()).isEqualTo(Duration.ofHours(24));
    }

    private FileType check(AttachmentRules rules, byte[] bytes, String declared) throws IOException {
        return rules.checkType(FileContent.of(bytes), declared);
    }

    private FileType check(byte[] bytes, String declared) throws IOException {
        return check(rules, bytes, declared);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "application/octet-stream", "Application/Octet-Stream", "application/octet-stream; name=x.png"})
    void the_bytes_decide_when_nothing_is_claimed(String declared) throws IOException {
        assertThat(check(PNG, declared)).isEqualTo(FileType.PNG);
    }

    @Test
    void a_declared_type_matching_the_bytes_is_accepted() throws IOException {
        assertThat(check(PNG, "image/png")).isEqualTo(FileType.PNG);
        assertThat(check(PDF, "application/x-pdf")).isEqualTo(FileType.PDF);
        assertThat(check(Samples.bytes("audio-opus.ogg"), "audio/ogg; codecs=opus")).isEqualTo(FileType.OGG);
        assertThat(check(Samples.bytes("image.jpg"), "IMAGE/JPG")).isEqualTo(FileType.JPEG);
    }

    @Test
    void unknown_bytes_are_refused_as_unsupported_media_type() {
        assertRefused(() -> check(EXE, null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(EXE, "application/pdf"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(new byte[0], "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_type_not_on_the_allow_list_is_refused_as_unsupported_media_type() throws IOException {
        AttachmentRules pdfOnly = new AttachmentRules(1024, Set.of(FileType.PDF));

        assertThat(check(pdfOnly, PDF, null)).isEqualTo(FileType.PDF);
        assertRefused(() -> check(pdfOnly, PNG, "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(pdfOnly, PNG, null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_declared_type_the_bytes_contradict_is_refused_as_unsupported_media_type() {
        assertRefused(() -> check(PNG, "image/jpeg"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(PDF, "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(PNG, "text/html"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> check(PNG, "image/svg+xml"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void an_announced_size_up_to_the_limit_is_accepted() {
        AttachmentRules small = new AttachmentRules(1000, EnumSet.allOf(FileType.class));

        assertThatCode(() -> small.checkAnnouncedSize(1000)).doesNotThrowAnyException();
        assertThatCode(() -> small.checkAnnouncedSize(0)).doesNotThrowAnyException();
    }

    @Test
    void an_announced_size_above_the_limit_is_refused_as_too_large() {
        AttachmentRules small = new AttachmentRules(1000, EnumSet.allOf(FileType.class));

        assertRefused(() -> small.checkAnnouncedSize(1001), FailureKind.TOO_LARGE);
        assertRefused(() -> rules.checkAnnouncedSize(50L * 1024 * 1024 + 1), FailureKind.TOO_LARGE);
    }

    @Test
    void the_too_large_refusal_names_the_limit() {
        assertThat(new AttachmentRules(1000, Set.of(FileType.PDF)).tooLarge().failure().message())
                .isEqualTo("the file is larger than 1000 bytes");
    }

    @Test
    void rules_need_a_positive_limit_and_at_least_one_type() {
        assertThatThrownBy(() -> new AttachmentRules(0, Set.of(FileType.PDF))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttachmentRules(10, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_allow_list_is_copied() {
        Set<FileType> allowed = new HashSet<>(Set.of(FileType.PDF));
        AttachmentRules pdfOnly = new AttachmentRules(10, allowed);

        allowed.add(FileType.PNG);

        assertThat(pdfOnly.allowed()).containsExactly(FileType.PDF);
    }

    @Test
    void a_plain_name_is_kept() {
        assertThat(AttachmentRules.safeName("lab results 2026-11.pdf", FileType.PDF)).isEqualTo("lab results 2026-11.pdf");
        assertThat(AttachmentRules.safeName("Befund Müller – Röntgen.png", FileType.PNG)).isEqualTo("Befund Müller – Röntgen.png");
    }

    @Test
    void paths_are_stripped_from_the_name() {
        assertThat(AttachmentRules.safeName("../../etc/passwd", FileType.PDF)).isEqualTo("passwd.pdf");
        assertThat(AttachmentRules.safeName("/home/ada/scan.png", FileType.PNG)).isEqualTo("scan.png");
        assertThat(AttachmentRules.safeName("C:\\Users\\ada\\scan.png", FileType.PNG)).isEqualTo("scan.png");
        assertThat(AttachmentRules.safeName("a/b\\c/d.pdf", FileType.PDF)).isEqualTo("d.pdf");
    }

    @Test
    void control_characters_are_stripped_from_the_name() {
        assertThat(AttachmentRules.safeName("evil\r\nX-Header: 1.pdf", FileType.PDF)).isEqualTo("evilX-Header: 1.pdf");
        assertThat(AttachmentRules.safeName("a\u0000b\u007Fc\u0085.pdf", FileType.PDF)).isEqualTo("abc.pdf");
        assertThat(AttachmentRules.safeName("tab\there.pdf", FileType.PDF)).isEqualTo("tabhere.pdf");
    }

    @Test
    void quotes_are_stripped_from_the_name() {
        assertThat(AttachmentRules.safeName("my \"lab\" results.pdf", FileType.PDF)).isEqualTo("my lab results.pdf");
    }

    @Test
    void invisible_formatting_characters_are_stripped_from_the_name() {
        assertThat(AttachmentRules.safeName("invoice\u202Efdp.exe", FileType.PDF)).isEqualTo("invoicefdp.exe.pdf");
        assertThat(AttachmentRules.safeName("scan\u200B.png", FileType.PNG)).isEqualTo("scan.png");
    }

    @Test
    void surrounding_spaces_are_trimmed_from_the_name() {
        assertThat(AttachmentRules.safeName("  scan.png  ", FileType.PNG)).isEqualTo("scan.png");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", ".", "..", "dir/", "C:\\temp\\", "../..", "\"\"", "\r\n", "\u202E"})
    void an_empty_or_meaningless_name_falls_back_to_one_made_from_the_type(String name) {
        assertThat(AttachmentRules.safeName(name, FileType.PDF)).isEqualTo("file.pdf");
    }

    @Test
    void the_fallback_name_uses_the_type() {
        assertThat(AttachmentRules.safeName(null, FileType.JPEG)).isEqualTo("file.jpg");
        assertThat(AttachmentRules.safeName("", FileType.M4A)).isEqualTo("file.m4a");
        assertThat(AttachmentRules.safeName(" ", FileType.WEBM_AUDIO)).isEqualTo("file.webm");
    }

    @Test
    void a_long_name_is_cut_at_255_characters() {
        assertThat(AttachmentRules.safeName("a".repeat(251) + ".pdf", FileType.PDF)).hasSize(255);
        assertThat(AttachmentRules.safeName("a".repeat(300) + ".pdf", FileType.PDF)).as("the extension survives the cut")
                .isEqualTo("a".repeat(251) + ".pdf");
        assertThat(AttachmentRules.safeName("a".repeat(300), FileType.PDF)).isEqualTo("a".repeat(251) + ".pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a"})
    void cutting_a_long_name_never_splits_a_character_in_half(String prefix) {
        String name = AttachmentRules.safeName(prefix + "😀".repeat(200), FileType.PNG);

        assertThat(name.length()).isBetween(AttachmentRules.MAX_NAME_LENGTH - 1, AttachmentRules.MAX_NAME_LENGTH);
        assertThat(name.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
        assertThat(name).startsWith(prefix + "😀");
    }

    @Test
    void a_name_gets_the_extension_of_the_type_it_was_checked_as_unless_it_has_one() {
        assertThat(AttachmentRules.safeName("scan.PNG", FileType.PNG)).isEqualTo("scan.PNG");
        assertThat(AttachmentRules.safeName("photo.jpeg", FileType.JPEG)).isEqualTo("photo.jpeg");
        assertThat(AttachmentRules.safeName("setup.exe", FileType.PDF)).isEqualTo("setup.exe.pdf");
        assertThat(AttachmentRules.safeName("clip.mp4", FileType.MOV)).isEqualTo("clip.mp4.mov");
        assertThat(AttachmentRules.safeName("page.html", FileType.TXT)).isEqualTo("page.html.txt");
        assertThat(AttachmentRules.safeName("voice note", FileType.WEBM_AUDIO)).isEqualTo("voice note.webm");
        assertThat(AttachmentRules.safeName(".pdf", FileType.PDF)).isEqualTo("file.pdf");
        assertThat(AttachmentRules.safeName("report.docx", FileType.DOCX)).isEqualTo("report.docx");
    }

    // ---- quota

    @Test
    void the_room_left_is_the_quota_less_what_the_uploader_stores() {
        AttachmentRules rules = new AttachmentRules(100, EnumSet.allOf(FileType.class)).withQuotaBytes(250);

        assertThat(rules.roomLeft(0)).isEqualTo(250);
        assertThat(rules.roomLeft(200)).isEqualTo(50);
        assertThat(rules.roomLeft(300)).isZero();
        assertThat(rules.uploadLimit(0)).as("the size limit when there is room").isEqualTo(100);
        assertThat(rules.uploadLimit(200)).as("the room left when it is smaller").isEqualTo(50);
    }

    @Test
    void a_file_that_does_not_fit_in_the_quota_is_refused_as_too_large_naming_the_quota() {
        AttachmentRules rules = new AttachmentRules(100, EnumSet.allOf(FileType.class)).withQuotaBytes(250);

        assertThatCode(() -> rules.checkQuota(200, 50)).doesNotThrowAnyException();
        var failure = assertRefused(() -> rules.checkQuota(200, 51), FailureKind.TOO_LARGE);
        assertThat(failure.message()).isEqualTo("the file does not fit in your storage quota of 250 bytes (50 bytes left)");
        assertThat(rules.overLimit(200).failure().message()).contains("quota");
        assertThat(rules.overLimit(0).failure().message()).isEqualTo("the file is larger than 100 bytes");
    }

    @Test
    void the_quota_and_the_retention_must_be_positive() {
        AttachmentRules standard = AttachmentRules.standard();

        assertThatThrownBy(() -> standard.withQuotaBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.withUnreferencedRetention(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> standard.withUnreferencedRetention(Duration.ofHours(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- retention

    @Test
    void files_unreferenced_since_before_the_retention_are_due() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        AttachmentRules rules = AttachmentRules.standard().withUnreferencedRetention(Duration.ofHours(6));

        assertThat(rules.unreferencedCutoff(now)).isEqualTo(Instant.parse("2026-11-22T04:00:00Z"));
        assertThat(AttachmentRules.standard().unreferencedCutoff(now)).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
    }
}
