package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTypeTest {

    /** The start of a file: each argument is an ASCII string or an Integer byte value. */
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

    static final byte[] JPEG_JFIF = file(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, "JFIF", 0x00, 0x01, 0x01, 0x00, 0x00, 0x01);
    static final byte[] JPEG_EXIF = file(0xFF, 0xD8, 0xFF, 0xE1, 0x1C, 0x45, "Exif", 0x00, 0x00, "MM", 0x00, 0x2A);
    static final byte[] PNG = file(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, "IHDR");
    static final byte[] GIF87A = file("GIF87a", 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00);
    static final byte[] GIF89A = file("GIF89a", 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00);
    static final byte[] WEBP = file("RIFF", 0x24, 0x10, 0x00, 0x00, "WEBPVP8 ");
    static final byte[] WAV = file("RIFF", 0x24, 0x08, 0x00, 0x00, "WAVEfmt ");
    static final byte[] PDF = file("%PDF-1.7\n%", 0xE2, 0xE3, 0xCF, 0xD3, "\n1");
    static final byte[] MP3_ID3 = file("ID3", 0x04, 0x00, 0x00, 0x00, 0x00, 0x23, 0x54, "TSSE");
    static final byte[] MP3_FRAME = file(0xFF, 0xFB, 0x90, 0x64, 0x00, 0x0F, 0xF0, 0x00, 0x00);
    static final byte[] MP3_MPEG2_FRAME = file(0xFF, 0xF3, 0x64, 0xC4, 0x00, 0x00);
    static final byte[] OGG = file("OggS", 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
    static final byte[] MP4_ISOM = file(0x00, 0x00, 0x00, 0x20, "ftypisom", 0x00, 0x00, 0x02, 0x00);
    static final byte[] MP4_MP42 = file(0x00, 0x00, 0x00, 0x18, "ftypmp42", 0x00, 0x00, 0x00, 0x00);
    static final byte[] M4A = file(0x00, 0x00, 0x00, 0x20, "ftypM4A ", 0x00, 0x00, 0x02, 0x00);
    static final byte[] WEBM = file(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81);

    private static FileType sniffed(byte[] head) {
        return FileType.sniff(head, head.length).orElse(null);
    }

    @Test
    void jpeg_is_recognised_from_its_start_of_image_marker() {
        assertThat(sniffed(JPEG_JFIF)).isEqualTo(FileType.JPEG);
        assertThat(sniffed(JPEG_EXIF)).isEqualTo(FileType.JPEG);
    }

    @Test
    void png_is_recognised_from_its_signature() {
        assertThat(sniffed(PNG)).isEqualTo(FileType.PNG);
    }

    @Test
    void gif_is_recognised_in_both_versions() {
        assertThat(sniffed(GIF87A)).isEqualTo(FileType.GIF);
        assertThat(sniffed(GIF89A)).isEqualTo(FileType.GIF);
    }

    @Test
    void webp_and_wav_are_told_apart_inside_their_riff_container() {
        assertThat(sniffed(WEBP)).isEqualTo(FileType.WEBP);
        assertThat(sniffed(WAV)).isEqualTo(FileType.WAV);
    }

    @Test
    void another_riff_file_is_unknown() {
        assertThat(FileType.sniff(file("RIFF", 0x00, 0x00, 0x00, 0x00, "AVI LIST"), 16)).isEmpty();
    }

    @Test
    void pdf_is_recognised_from_its_header() {
        assertThat(sniffed(PDF)).isEqualTo(FileType.PDF);
    }

    @Test
    void mp3_is_recognised_from_an_id3_tag() {
        assertThat(sniffed(MP3_ID3)).isEqualTo(FileType.MP3);
    }

    @Test
    void mp3_is_recognised_from_an_mpeg_audio_frame_header() {
        assertThat(sniffed(MP3_FRAME)).isEqualTo(FileType.MP3);
        assertThat(sniffed(MP3_MPEG2_FRAME)).isEqualTo(FileType.MP3);
    }

    @Test
    void an_aac_adts_frame_is_not_taken_for_mp3() {
        assertThat(FileType.sniff(file(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC), 7)).isEmpty();
    }

    @Test
    void ogg_is_recognised_from_its_capture_pattern() {
        assertThat(sniffed(OGG)).isEqualTo(FileType.OGG);
    }

    @Test
    void mp4_is_recognised_from_its_ftyp_box() {
        assertThat(sniffed(MP4_ISOM)).isEqualTo(FileType.MP4);
        assertThat(sniffed(MP4_MP42)).isEqualTo(FileType.MP4);
    }

    @Test
    void m4a_is_told_from_mp4_by_its_ftyp_brand() {
        assertThat(sniffed(M4A)).isEqualTo(FileType.M4A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic", "heix", "mif1", "msf1", "avif", "avis"})
    void a_heif_or_avif_image_is_not_taken_for_an_mp4_video(String brand) {
        byte[] head = file(0x00, 0x00, 0x00, 0x1C, "ftyp" + brand, 0x00, 0x00, 0x00, 0x00);

        assertThat(FileType.sniff(head, head.length)).isEmpty();
    }

    @Test
    void webm_is_recognised_from_its_ebml_header() {
        assertThat(sniffed(WEBM)).isEqualTo(FileType.WEBM);
    }

    @Test
    void sniffing_reads_only_the_given_length() {
        assertThat(FileType.sniff(PNG, 4)).isEmpty();
        assertThat(FileType.sniff(WEBP, 8)).isEmpty();
        assertThat(FileType.sniff(M4A, 11)).isEqualTo(FileType.sniff(M4A, 8));
    }

    @Test
    void too_short_input_is_unknown() {
        assertThat(FileType.sniff(new byte[0], 0)).isEmpty();
        assertThat(FileType.sniff(file(0xFF), 1)).isEmpty();
        assertThat(FileType.sniff(file(0xFF, 0xD8), 2)).isEmpty();
        assertThat(FileType.sniff(file("GIF89"), 5)).isEmpty();
        assertThat(FileType.sniff(file("%PDF"), 4)).isEmpty();
        assertThat(FileType.sniff(file("RIFF", 0x24, 0x10, 0x00, 0x00, "WEB"), 11)).isEmpty();
        assertThat(FileType.sniff(file(0x1A, 0x45, 0xDF), 3)).isEmpty();
    }

    @Test
    void the_first_sixteen_bytes_are_enough_for_every_type() {
        for (byte[] head : new byte[][] {JPEG_JFIF, PNG, GIF89A, WEBP, WAV, PDF, MP3_ID3, MP3_FRAME, OGG, MP4_ISOM, M4A, WEBM}) {
            byte[] first = Arrays.copyOf(head, FileType.SNIFF_LENGTH);
            assertThat(FileType.sniff(first, FileType.SNIFF_LENGTH)).isEqualTo(FileType.sniff(head, head.length)).isPresent();
        }
    }

    @Test
    void unknown_bytes_are_unknown() {
        assertThat(FileType.sniff(file("hello, world, this is text"), 16)).isEmpty();
        assertThat(FileType.sniff(new byte[16], 16)).isEmpty();
        assertThat(FileType.sniff(file("MZ", 0x90, 0x00, 0x03, 0x00), 6)).isEmpty();
        assertThat(FileType.sniff(file("PK", 0x03, 0x04, 0x14, 0x00), 6)).isEmpty();
        assertThat(FileType.sniff(file("<!DOCTYPE html>"), 15)).isEmpty();
        assertThat(FileType.sniff(file("<svg xmlns=\"http"), 16)).isEmpty();
    }

    @Test
    void every_type_has_its_canonical_mime_type() {
        assertThat(FileType.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(FileType.PNG.mimeType()).isEqualTo("image/png");
        assertThat(FileType.GIF.mimeType()).isEqualTo("image/gif");
        assertThat(FileType.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(FileType.PDF.mimeType()).isEqualTo("application/pdf");
        assertThat(FileType.MP3.mimeType()).isEqualTo("audio/mpeg");
        assertThat(FileType.OGG.mimeType()).isEqualTo("audio/ogg");
        assertThat(FileType.WAV.mimeType()).isEqualTo("audio/wav");
        assertThat(FileType.M4A.mimeType()).isEqualTo("audio/mp4");
        assertThat(FileType.MP4.mimeType()).isEqualTo("video/mp4");
        assertThat(FileType.WEBM.mimeType()).isEqualTo("video/webm");
    }

    @Test
    void a_type_is_named_by_its_mime_type() {
        for (FileType type : FileType.values()) {
            assertThat(type.isNamedBy(type.mimeType())).as(type.name()).isTrue();
        }
    }

    @Test
    void a_type_is_named_by_its_aliases() {
        assertThat(FileType.JPEG.isNamedBy("image/jpg")).isTrue();
        assertThat(FileType.MP4.isNamedBy("audio/mp4")).as("an audio-only MP4 declared as audio").isTrue();
        assertThat(FileType.JPEG.isNamedBy("image/pjpeg")).isTrue();
        assertThat(FileType.PDF.isNamedBy("application/x-pdf")).isTrue();
        assertThat(FileType.MP3.isNamedBy("audio/mp3")).isTrue();
        assertThat(FileType.OGG.isNamedBy("application/ogg")).isTrue();
        assertThat(FileType.WAV.isNamedBy("audio/x-wav")).isTrue();
        assertThat(FileType.WAV.isNamedBy("audio/wave")).isTrue();
        assertThat(FileType.WAV.isNamedBy("audio/vnd.wave")).isTrue();
        assertThat(FileType.M4A.isNamedBy("audio/x-m4a")).isTrue();
        assertThat(FileType.M4A.isNamedBy("audio/m4a")).isTrue();
        assertThat(FileType.WEBM.isNamedBy("audio/webm")).isTrue();
    }

    @Test
    void naming_ignores_parameters_case_and_spaces() {
        assertThat(FileType.OGG.isNamedBy("audio/ogg; codecs=opus")).isTrue();
        assertThat(FileType.WEBM.isNamedBy("audio/webm;codecs=\"opus\"")).isTrue();
        assertThat(FileType.JPEG.isNamedBy("IMAGE/JPEG")).isTrue();
        assertThat(FileType.PNG.isNamedBy("  Image/Png  ")).isTrue();
        assertThat(FileType.PDF.isNamedBy("Application/PDF; charset=binary")).isTrue();
    }

    @Test
    void a_type_is_not_named_by_another_type() {
        assertThat(FileType.JPEG.isNamedBy("image/png")).isFalse();
        assertThat(FileType.JPEG.isNamedBy("image/jpegx")).isFalse();
        assertThat(FileType.JPEG.isNamedBy("image")).isFalse();
        assertThat(FileType.PDF.isNamedBy("")).isFalse();
        assertThat(FileType.MP4.isNamedBy("audio/mpeg")).isFalse();
        assertThat(FileType.PNG.isNamedBy("text/html; image/png")).isFalse();
    }
}
