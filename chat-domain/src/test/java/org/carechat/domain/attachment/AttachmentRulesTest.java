package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carechat.domain.attachment.FileTypeTest.file;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentRulesTest {
    private static final byte[] PNG = FileTypeTest.PNG;
    private static final byte[] PDF = FileTypeTest.PDF;
    private static final byte[] EXE = file("MZ", 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00);

    private final AttachmentRules rules = AttachmentRules.standard();

    @Test
    void standard_rules_allow_every_known_type_up_to_50_mib() {
        assertThat(rules.maxBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(rules.allowed()).containsExactlyInAnyOrder(FileType.values());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "application/octet-stream", "Application/Octet-Stream", "application/octet-stream; name=x.png"})
    void the_bytes_decide_when_nothing_is_claimed(String declared) {
        assertThat(rules.checkType(PNG, PNG.length, declared)).isEqualTo(FileType.PNG);
    }

    @Test
    void a_declared_type_matching_the_bytes_is_accepted() {
        assertThat(rules.checkType(PNG, PNG.length, "image/png")).isEqualTo(FileType.PNG);
        assertThat(rules.checkType(PDF, PDF.length, "application/x-pdf")).isEqualTo(FileType.PDF);
        assertThat(rules.checkType(FileTypeTest.OGG, 16, "audio/ogg; codecs=opus")).isEqualTo(FileType.OGG);
        assertThat(rules.checkType(FileTypeTest.JPEG_JFIF, 16, "IMAGE/JPG")).isEqualTo(FileType.JPEG);
    }

    @Test
    void unknown_bytes_are_refused_as_unsupported_media_type() {
        assertRefused(() -> rules.checkType(EXE, EXE.length, null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(EXE, EXE.length, "application/pdf"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(new byte[0], 0, "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_type_not_on_the_allow_list_is_refused_as_unsupported_media_type() {
        AttachmentRules pdfOnly = new AttachmentRules(1024, Set.of(FileType.PDF));

        assertThat(pdfOnly.checkType(PDF, PDF.length, null)).isEqualTo(FileType.PDF);
        assertRefused(() -> pdfOnly.checkType(PNG, PNG.length, "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> pdfOnly.checkType(PNG, PNG.length, null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_declared_type_the_bytes_contradict_is_refused_as_unsupported_media_type() {
        assertRefused(() -> rules.checkType(PNG, PNG.length, "image/jpeg"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(PDF, PDF.length, "image/png"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(PNG, PNG.length, "text/html"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(PNG, PNG.length, "image/svg+xml"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
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
        assertThat(AttachmentRules.safeName("../../etc/passwd", FileType.PDF)).isEqualTo("passwd");
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
        assertThat(AttachmentRules.safeName("invoice\u202Efdp.exe", FileType.PDF)).isEqualTo("invoicefdp.exe");
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
        assertThat(AttachmentRules.safeName(null, FileType.JPEG)).isEqualTo("file.jpeg");
        assertThat(AttachmentRules.safeName("", FileType.M4A)).isEqualTo("file.m4a");
    }

    @Test
    void a_long_name_is_cut_at_255_characters() {
        assertThat(AttachmentRules.safeName("a".repeat(255), FileType.PDF)).hasSize(255);
        assertThat(AttachmentRules.safeName("a".repeat(300) + ".pdf", FileType.PDF)).isEqualTo("a".repeat(255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a"})
    void cutting_a_long_name_never_splits_a_character_in_half(String prefix) {
        String name = AttachmentRules.safeName(prefix + "😀".repeat(200), FileType.PNG);

        assertThat(name.length()).isBetween(AttachmentRules.MAX_NAME_LENGTH - 1, AttachmentRules.MAX_NAME_LENGTH);
        assertThat(name.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)).isTrue();
        assertThat(name).startsWith(prefix + "😀");
    }
}
