package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carechat.domain.failure.Refusals.assertRefused;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.carechat.domain.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type the maternity clinics exchange is recognised from a real file of it (samples/README.md says how
 * each was made), containers by what they hold, and files of another type than they claim are refused.
 */
class FileSnifferTest {
    private final AttachmentRules rules = AttachmentRules.standard();

    /** One real sample of every accepted type, some types with two (a container holding different things). */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("image.jpg", FileType.JPEG),
                Arguments.of("image.png", FileType.PNG),
                Arguments.of("image.gif", FileType.GIF),
                Arguments.of("image.webp", FileType.WEBP),
                Arguments.of("image.svg", FileType.SVG),
                Arguments.of("audio.mp3", FileType.MP3),
                Arguments.of("audio-frames.mp3", FileType.MP3),
                Arguments.of("audio.wav", FileType.WAV),
                Arguments.of("audio-vorbis.ogg", FileType.OGG),
                Arguments.of("audio-opus.ogg", FileType.OGG),
                Arguments.of("audio.aac", FileType.AAC),
                Arguments.of("audio.m4a", FileType.M4A),
                Arguments.of("audio.webm", FileType.WEBM_AUDIO),
                Arguments.of("video.mp4", FileType.MP4),
                Arguments.of("video.webm", FileType.WEBM_VIDEO),
                Arguments.of("video-with-sound.webm", FileType.WEBM_VIDEO),
                Arguments.of("video.ogv", FileType.OGG_VIDEO),
                Arguments.of("video-with-sound.ogv", FileType.OGG_VIDEO),
                Arguments.of("video.avi", FileType.AVI),
                Arguments.of("video.mov", FileType.MOV),
                Arguments.of("video.wmv", FileType.WMV),
                Arguments.of("report.pdf", FileType.PDF),
                Arguments.of("report.doc", FileType.DOC),
                Arguments.of("report.docx", FileType.DOCX),
                Arguments.of("notes.txt", FileType.TXT),
                Arguments.of("results.xls", FileType.XLS),
                Arguments.of("results.xlsx", FileType.XLSX),
                Arguments.of("slides.ppt", FileType.PPT),
                Arguments.of("slides.pptx", FileType.PPTX));
    }

    @Test
    void every_accepted_type_has_a_real_sample() {
        Set<FileType> sampled = samples().map(arguments -> (FileType) arguments.get()[1])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FileType.class)));

        assertThat(EnumSet.complementOf(EnumSet.copyOf(sampled))).as("types without a sample").isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("samples")
    void a_real_file_is_recognised_as_its_type_from_its_bytes(String sample, FileType expected) throws IOException {
        assertThat(rules.checkType(Samples.content(sample), null)).isEqualTo(expected);
        assertThat(rules.checkType(Samples.content(sample), "application/octet-stream")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} declared as {1}")
    @MethodSource("samples")
    void a_real_file_declared_as_its_type_is_accepted(String sample, FileType expected) throws IOException {
        assertThat(rules.checkType(Samples.content(sample), expected.mimeType())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} declared as something else")
    @MethodSource("samples")
    void a_real_file_claiming_another_type_is_refused_as_unsupported(String sample, FileType actual) {
        String other = actual == FileType.PDF ? "image/png" : "application/pdf";
        String sameFamilyOther = switch (actual.family()) {
            case IMAGE -> actual == FileType.GIF ? "image/png" : "image/gif";
            case AUDIO -> actual == FileType.WAV ? "audio/mpeg" : "audio/wav";
            case VIDEO -> actual == FileType.AVI ? "video/quicktime" : "video/x-msvideo";
            case DOCUMENT -> actual == FileType.DOCX ? "application/msword"
                    : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        };

        assertRefused(() -> rules.checkType(Samples.content(sample), other), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content(sample), sameFamilyOther), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void the_first_bytes_alone_show_the_candidates_of_every_sample(String sample, FileType expected) {
        byte[] head = Samples.head(sample, FileType.SNIFF_LENGTH);

        Sniff sniff = FileSniffer.sniff(head, head.length);

        assertThat(sniff.candidates()).contains(expected);
        if (sniff.inspection() == Inspection.NONE) {
            assertThat(sniff.decided()).isEqualTo(expected);
        }
    }

    // ---- containers: what they hold decides

    @Test
    void a_quicktime_movie_stays_quicktime_and_is_not_taken_for_mp4() throws IOException {
        FileType mov = rules.checkType(Samples.content("video.mov"), "video/quicktime");

        assertThat(mov).isEqualTo(FileType.MOV);
        assertThat(mov.mimeType()).isEqualTo("video/quicktime");
        assertRefused(() -> rules.checkType(Samples.content("video.mov"), "video/mp4"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("video.mp4"), "video/quicktime"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void mp4_and_m4a_are_told_apart_by_their_brand() throws IOException {
        assertThat(rules.checkType(Samples.content("audio.m4a"), null)).isEqualTo(FileType.M4A);
        assertThat(rules.checkType(Samples.content("video.mp4"), null)).isEqualTo(FileType.MP4);
        assertThat(rules.checkType(Samples.content("video.mp4"), "audio/mp4")).as("a sound-only MP4 declared as audio")
                .isEqualTo(FileType.MP4);
    }

    @Test
    void wav_avi_and_webp_are_told_apart_inside_their_riff_container() throws IOException {
        assertThat(rules.checkType(Samples.content("audio.wav"), null)).isEqualTo(FileType.WAV);
        assertThat(rules.checkType(Samples.content("video.avi"), null)).isEqualTo(FileType.AVI);
        assertThat(rules.checkType(Samples.content("image.webp"), null)).isEqualTo(FileType.WEBP);
        byte[] midi = file("RIFF", 0x1A, 0x00, 0x00, 0x00, "RMIDdata");
        assertThat(FileSniffer.sniff(midi, midi.length).isKnown()).isFalse();
    }

    @Test
    void webm_is_a_sound_or_a_video_by_its_tracks_whatever_it_is_declared_as() throws IOException {
        assertThat(rules.checkType(Samples.content("audio.webm"), "audio/webm;codecs=opus")).isEqualTo(FileType.WEBM_AUDIO);
        assertThat(rules.checkType(Samples.content("audio.webm"), "video/webm")).isEqualTo(FileType.WEBM_AUDIO);
        assertThat(rules.checkType(Samples.content("video.webm"), "audio/webm")).isEqualTo(FileType.WEBM_VIDEO);
        assertThat(FileType.WEBM_AUDIO.mimeType()).isEqualTo("audio/webm");
        assertThat(FileType.WEBM_VIDEO.mimeType()).isEqualTo("video/webm");
    }

    @Test
    void matroska_shares_ebml_with_webm_but_is_refused() {
        assertRefused(() -> rules.checkType(Samples.content("video.mkv"), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("video.mkv"), "video/webm"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_webm_whose_tracks_are_missing_is_refused() {
        byte[] webm = Samples.bytes("audio.webm");
        byte[] headerOnly = Arrays.copyOf(webm, 40);

        assertRefused(() -> rules.checkType(FileContent.of(headerOnly), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void ogg_is_a_sound_or_a_video_by_the_codecs_of_its_streams() throws IOException {
        assertThat(rules.checkType(Samples.content("audio-vorbis.ogg"), "audio/ogg")).isEqualTo(FileType.OGG);
        assertThat(rules.checkType(Samples.content("audio-opus.ogg"), "audio/ogg; codecs=opus")).isEqualTo(FileType.OGG);
        assertThat(rules.checkType(Samples.content("video.ogv"), "video/ogg")).isEqualTo(FileType.OGG_VIDEO);
        assertThat(rules.checkType(Samples.content("video-with-sound.ogv"), "application/ogg")).isEqualTo(FileType.OGG_VIDEO);
    }

    @Test
    void an_ogg_stream_of_an_unknown_codec_is_refused() {
        byte[] ogg = Samples.bytes("audio-opus.ogg");
        int codec = indexOf(ogg, "OpusHead".getBytes(StandardCharsets.US_ASCII));
        byte[] other = ogg.clone();
        System.arraycopy("MysteryC".getBytes(StandardCharsets.US_ASCII), 0, other, codec, 8);

        assertRefused(() -> rules.checkType(FileContent.of(other), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void wmv_is_an_asf_with_a_video_stream_and_a_sound_only_asf_is_refused() throws IOException {
        assertThat(rules.checkType(Samples.content("video.wmv"), "video/x-ms-wmv")).isEqualTo(FileType.WMV);
        assertRefused(() -> rules.checkType(Samples.content("audio.wma"), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("audio.wma"), "video/x-ms-wmv"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aac_in_adts_frames_is_not_taken_for_mp3_nor_mp3_for_aac() throws IOException {
        assertThat(rules.checkType(Samples.content("audio.aac"), "audio/aac")).isEqualTo(FileType.AAC);
        assertThat(rules.checkType(Samples.content("audio-frames.mp3"), "audio/mpeg")).isEqualTo(FileType.MP3);
        assertRefused(() -> rules.checkType(Samples.content("audio.aac"), "audio/mpeg"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("audio-frames.mp3"), "audio/aac"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void the_frame_after_an_id3_tag_decides_even_when_the_tag_is_longer_than_the_first_bytes() throws IOException {
        byte[] mp3 = concat(id3Tag(20_000), Samples.bytes("audio-frames.mp3"));
        byte[] aac = concat(id3Tag(20_000), Samples.bytes("audio.aac"));
        byte[] nothing = concat(id3Tag(20_000), "no audio after the tag".getBytes(StandardCharsets.US_ASCII));

        assertThat(FileSniffer.sniff(mp3, FileType.SNIFF_LENGTH).inspection()).isEqualTo(Inspection.AFTER_ID3_TAG);
        assertThat(rules.checkType(FileContent.of(mp3), "audio/mpeg")).isEqualTo(FileType.MP3);
        assertThat(rules.checkType(FileContent.of(aac), null)).isEqualTo(FileType.AAC);
        assertRefused(() -> rules.checkType(FileContent.of(nothing), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(FileContent.of(id3Tag(20_000)), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void heif_and_avif_pictures_are_not_taken_for_mp4_videos() {
        for (String brand : new String[] {"heic", "heix", "mif1", "msf1", "avif", "avis"}) {
            byte[] head = file(0x00, 0x00, 0x00, 0x1C, "ftyp" + brand, 0x00, 0x00, 0x00, 0x00);
            assertThat(FileSniffer.sniff(head, head.length).isKnown()).as(brand).isFalse();
        }
    }

    // ---- Office: ZIP and OLE2 told apart by their entries

    @Test
    void docx_xlsx_and_pptx_are_told_apart_by_their_entries_not_their_names() throws IOException {
        assertThat(rules.checkType(Samples.content("report.docx"), null)).isEqualTo(FileType.DOCX);
        assertThat(rules.checkType(Samples.content("results.xlsx"), null)).isEqualTo(FileType.XLSX);
        assertThat(rules.checkType(Samples.content("slides.pptx"), null)).isEqualTo(FileType.PPTX);
        assertRefused(() -> rules.checkType(Samples.content("report.docx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("slides.pptx"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_zip_that_is_not_an_office_document_is_refused() throws IOException {
        byte[] archive = zip(Map.of("notes.txt", "hello", "scan.png", "not really"));
        byte[] jar = zip(Map.of("META-INF/MANIFEST.MF", "Main-Class: Evil\n", "Evil.class", "\u00CA\u00FE"));
        byte[] noContentTypes = zip(Map.of("word/document.xml", "<w:document/>"));

        for (byte[] file : new byte[][] {archive, jar, noContentTypes}) {
            assertRefused(() -> rules.checkType(FileContent.of(file), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
            assertRefused(() -> rules.checkType(FileContent.of(file),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    @Test
    void a_macro_enabled_office_package_is_refused() throws IOException {
        byte[] docm = withEntry(Samples.bytes("report.docx"), "word/vbaProject.bin", "\u00D0\u00CF macros");

        assertRefused(() -> rules.checkType(FileContent.of(docm), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_package_with_two_main_parts_is_refused() throws IOException {
        byte[] both = withEntry(Samples.bytes("report.docx"), "xl/workbook.xml", "<workbook/>");

        assertRefused(() -> rules.checkType(FileContent.of(both), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_zip_that_inflates_beyond_the_bound_is_refused_without_reading_it_all() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/media/zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 600; i++) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
        }
        byte[] bomb = out.toByteArray();
        assertThat(bomb.length).as("small on disk").isLessThan(1024 * 1024);

        assertRefused(() -> rules.checkType(FileContent.of(bomb), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void doc_xls_and_ppt_are_told_apart_by_the_streams_of_their_compound_file() throws IOException {
        assertThat(rules.checkType(Samples.content("report.doc"), "application/msword")).isEqualTo(FileType.DOC);
        assertThat(rules.checkType(Samples.content("results.xls"), "application/vnd.ms-excel")).isEqualTo(FileType.XLS);
        assertThat(rules.checkType(Samples.content("slides.ppt"), "application/vnd.ms-powerpoint")).isEqualTo(FileType.PPT);
        assertRefused(() -> rules.checkType(Samples.content("report.doc"), "application/vnd.ms-excel"),
                FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("results.xls"), "application/msword"),
                FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void the_directory_of_a_compound_file_is_found_wherever_it_lies() {
        byte[] ppt = Samples.bytes("slides.ppt");
        long firstDirectorySector = Bytes.u32le(ppt, 0x30);

        assertThat((firstDirectorySector + 1) * 512).as("LibreOffice writes the directory near the end")
                .isGreaterThan(ppt.length / 2);
    }

    @Test
    void a_compound_file_that_is_no_office_document_is_refused() {
        byte[] installer = renamed(Samples.bytes("report.doc"), "WordDocument", "InstallData1");

        assertRefused(() -> rules.checkType(FileContent.of(installer), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(FileContent.of(installer), "application/msword"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_compound_file_carrying_macros_is_refused() {
        byte[] doc = Samples.bytes("report.doc");
        byte[] withMacros = renamedEntry(doc, "\u0001CompObj", "Macros");

        assertRefused(() -> rules.checkType(FileContent.of(withMacros), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void a_compound_file_cut_short_is_refused() {
        byte[] doc = Samples.bytes("slides.ppt");
        byte[] cut = Arrays.copyOf(doc, doc.length / 2);

        assertRefused(() -> rules.checkType(FileContent.of(cut), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    // ---- text and SVG

    @Test
    void utf8_text_is_text_to_its_last_byte() throws IOException {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Samples.bytes("notes.txt"));
        byte[] long_ = ("Ärztin: Ультразвук 👶 ok\tnext\n".repeat(2_000)).getBytes(StandardCharsets.UTF_8);

        assertThat(rules.checkType(FileContent.of(withBom), "text/plain; charset=utf-8")).isEqualTo(FileType.TXT);
        assertThat(rules.checkType(FileContent.of(long_), null)).isEqualTo(FileType.TXT);
    }

    @Test
    void text_holding_binary_control_characters_or_bytes_that_are_not_utf8_is_refused() {
        byte[] text = ("Birth plan\n".repeat(1_000)).getBytes(StandardCharsets.UTF_8);
        byte[] nulLate = concat(text, new byte[] {'x', 0x00, 'y'});
        byte[] latin1 = "Dr. M\u00FCller".getBytes(StandardCharsets.ISO_8859_1);
        byte[] escape = "colour \u001B[31m red".getBytes(StandardCharsets.UTF_8);
        byte[] c1 = "a\u0085b".getBytes(StandardCharsets.UTF_8);
        byte[] overlong = {'a', (byte) 0xC0, (byte) 0xAF};
        byte[] surrogate = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] cutAtEnd = concat(text, new byte[] {(byte) 0xE2, (byte) 0x82});

        for (byte[] file : new byte[][] {nulLate, latin1, escape, c1, overlong, surrogate, cutAtEnd}) {
            assertRefused(() -> rules.checkType(FileContent.of(file), "text/plain"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
            assertRefused(() -> rules.checkType(FileContent.of(file), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    @Test
    void text_declared_as_another_type_is_refused() {
        byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> rules.checkType(FileContent.of(html), "text/html"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(Samples.content("notes.txt"), "application/pdf"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void svg_is_recognised_by_its_root_element_after_the_xml_prolog() throws IOException {
        byte[] bare = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
        byte[] doctype = ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [ <!ENTITY a \"b\"> ]>\n"
                + "<svg width=\"1\" height=\"1\"></svg>").getBytes(StandardCharsets.UTF_8);
        byte[] notSvg = "<svgs>no</svgs>".getBytes(StandardCharsets.UTF_8);

        assertThat(rules.checkType(Samples.content("image.svg"), "image/svg+xml")).isEqualTo(FileType.SVG);
        assertThat(rules.checkType(FileContent.of(bare), null)).isEqualTo(FileType.SVG);
        assertThat(rules.checkType(FileContent.of(doctype), null)).isEqualTo(FileType.SVG);
        assertThat(rules.checkType(FileContent.of(notSvg), null)).isEqualTo(FileType.TXT);
        assertRefused(() -> rules.checkType(Samples.content("image.svg"), "text/plain"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
        assertRefused(() -> rules.checkType(FileContent.of(notSvg), "image/svg+xml"), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void an_svg_with_binary_bytes_after_its_start_is_refused() {
        byte[] svg = concat(Samples.bytes("image.svg"), new byte[] {0x00, 0x01, 0x02});

        assertRefused(() -> rules.checkType(FileContent.of(svg), null), FailureKind.UNSUPPORTED_MEDIA_TYPE);
    }

    // ---- what is never accepted

    @Test
    void executables_and_other_binaries_are_unknown() {
        for (byte[] head : new byte[][] {
            file("MZ", 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00),
            file(0x7F, "ELF", 0x02, 0x01, 0x01, 0x00),
            file(0xCA, 0xFE, 0xBA, 0xBE, 0x00, 0x00, 0x00, 0x34),
            new byte[16]}) {
            assertThat(FileSniffer.sniff(head, head.length).isKnown()).isFalse();
        }
    }

    @Test
    void sniffing_reads_only_the_given_length() {
        byte[] png = Samples.bytes("image.png");
        byte[] webp = Samples.bytes("image.webp");

        assertThat(FileSniffer.sniff(png, 4).candidates()).doesNotContain(FileType.PNG);
        assertThat(FileSniffer.sniff(webp, 8).candidates()).doesNotContain(FileType.WEBP);
        assertThat(FileSniffer.sniff(new byte[0], 0).isKnown()).isFalse();
    }

    // ---- helpers

    static byte[] file(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static byte[] id3Tag(int size) {
        byte[] tag = new byte[10 + size];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[6] = (byte) (size >> 21 & 0x7F);
        tag[7] = (byte) (size >> 14 & 0x7F);
        tag[8] = (byte) (size >> 7 & 0x7F);
        tag[9] = (byte) (size & 0x7F);
        return tag;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The compound file with the directory entry named {@code from} renamed to {@code to} (same length). */
    private static byte[] renamed(byte[] file, String from, String to) {
        byte[] copy = file.clone();
        int at = indexOf(copy, from.getBytes(StandardCharsets.UTF_16LE));
        System.arraycopy(to.getBytes(StandardCharsets.UTF_16LE), 0, copy, at, to.length() * 2);
        return copy;
    }

    /** The compound file with the directory entry named {@code from} given the name {@code to}, its length set. */
    private static byte[] renamedEntry(byte[] file, String from, String to) {
        byte[] copy = file.clone();
        int at = indexOf(copy, (from + "\u0000").getBytes(StandardCharsets.UTF_16LE));
        Arrays.fill(copy, at, at + 64, (byte) 0);
        byte[] name = to.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, copy, at, name.length);
        int length = name.length + 2;
        copy[at + 0x40] = (byte) length;
        copy[at + 0x41] = 0;
        return copy;
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return out.toByteArray();
    }

    /** The ZIP with one more entry. */
    private static byte[] withEntry(byte[] original, String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(zip);
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
