package org.carechat.domain.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileTypeTest {

    @Test
    void the_types_of_the_maternity_clinic_seed_are_all_there_with_their_served_type() {
        assertThat(FileType.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(FileType.PNG.mimeType()).isEqualTo("image/png");
        assertThat(FileType.GIF.mimeType()).isEqualTo("image/gif");
        assertThat(FileType.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(FileType.SVG.mimeType()).isEqualTo("image/svg+xml");
        assertThat(FileType.MP3.mimeType()).isEqualTo("audio/mpeg");
        assertThat(FileType.WAV.mimeType()).isEqualTo("audio/wav");
        assertThat(FileType.OGG.mimeType()).isEqualTo("audio/ogg");
        assertThat(FileType.AAC.mimeType()).isEqualTo("audio/aac");
        assertThat(FileType.M4A.mimeType()).isEqualTo("audio/mp4");
        assertThat(FileType.WEBM_AUDIO.mimeType()).isEqualTo("audio/webm");
        assertThat(FileType.MP4.mimeType()).isEqualTo("video/mp4");
        assertThat(FileType.WEBM_VIDEO.mimeType()).isEqualTo("video/webm");
        assertThat(FileType.OGG_VIDEO.mimeType()).isEqualTo("video/ogg");
        assertThat(FileType.AVI.mimeType()).isEqualTo("video/x-msvideo");
        assertThat(FileType.MOV.mimeType()).isEqualTo("video/quicktime");
        assertThat(FileType.WMV.mimeType()).isEqualTo("video/x-ms-wmv");
        assertThat(FileType.PDF.mimeType()).isEqualTo("application/pdf");
        assertThat(FileType.DOC.mimeType()).isEqualTo("application/msword");
        assertThat(FileType.DOCX.mimeType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(FileType.TXT.mimeType()).isEqualTo("text/plain");
        assertThat(FileType.XLS.mimeType()).isEqualTo("application/vnd.ms-excel");
        assertThat(FileType.XLSX.mimeType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(FileType.PPT.mimeType()).isEqualTo("application/vnd.ms-powerpoint");
        assertThat(FileType.PPTX.mimeType()).isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    }

    @Test
    void every_type_is_stored_under_a_mime_type_of_its_own() {
        Set<String> seen = new HashSet<>();
        for (FileType type : FileType.values()) {
            assertThat(seen.add(type.mimeType())).as(type.name()).isTrue();
            assertThat(FileType.ofMimeType(type.mimeType())).contains(type);
        }
        assertThat(FileType.ofMimeType("application/x-msdownload")).isEmpty();
    }

    @Test
    void the_family_follows_the_seed_lists() {
        assertThat(EnumSet.allOf(FileType.class).stream().filter(t -> t.family() == FileType.Family.IMAGE))
                .containsExactlyInAnyOrder(FileType.JPEG, FileType.PNG, FileType.GIF, FileType.WEBP, FileType.SVG);
        assertThat(EnumSet.allOf(FileType.class).stream().filter(t -> t.family() == FileType.Family.AUDIO))
                .containsExactlyInAnyOrder(FileType.MP3, FileType.WAV, FileType.OGG, FileType.AAC, FileType.M4A,
                        FileType.WEBM_AUDIO);
        assertThat(EnumSet.allOf(FileType.class).stream().filter(t -> t.family() == FileType.Family.VIDEO))
                .containsExactlyInAnyOrder(FileType.MP4, FileType.WEBM_VIDEO, FileType.OGG_VIDEO, FileType.AVI,
                        FileType.MOV, FileType.WMV);
        assertThat(EnumSet.allOf(FileType.class).stream().filter(t -> t.family() == FileType.Family.DOCUMENT))
                .containsExactlyInAnyOrder(FileType.PDF, FileType.DOC, FileType.DOCX, FileType.TXT, FileType.XLS,
                        FileType.XLSX, FileType.PPT, FileType.PPTX);
    }

    @Test
    void only_svg_is_active_content() {
        assertThat(EnumSet.allOf(FileType.class).stream().filter(FileType::isActiveContent)).containsExactly(FileType.SVG);
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
        assertThat(FileType.M4A.isNamedBy("audio/x-m4a")).isTrue();
        assertThat(FileType.AAC.isNamedBy("audio/x-aac")).isTrue();
        assertThat(FileType.AVI.isNamedBy("video/avi")).isTrue();
        assertThat(FileType.WMV.isNamedBy("video/x-ms-asf")).isTrue();
        assertThat(FileType.WEBM_AUDIO.isNamedBy("video/webm")).as("the container's other family").isTrue();
        assertThat(FileType.WEBM_VIDEO.isNamedBy("audio/webm")).isTrue();
    }

    @Test
    void naming_ignores_parameters_case_and_spaces() {
        assertThat(FileType.OGG.isNamedBy("audio/ogg; codecs=opus")).isTrue();
        assertThat(FileType.WEBM_AUDIO.isNamedBy("audio/webm;codecs=\"opus\"")).isTrue();
        assertThat(FileType.JPEG.isNamedBy("IMAGE/JPEG")).isTrue();
        assertThat(FileType.PNG.isNamedBy("  Image/Png  ")).isTrue();
        assertThat(FileType.TXT.isNamedBy("text/plain; charset=UTF-8")).isTrue();
    }

    @Test
    void a_type_is_not_named_by_another_type() {
        assertThat(FileType.JPEG.isNamedBy("image/png")).isFalse();
        assertThat(FileType.JPEG.isNamedBy("image/jpegx")).isFalse();
        assertThat(FileType.JPEG.isNamedBy("image")).isFalse();
        assertThat(FileType.PDF.isNamedBy("")).isFalse();
        assertThat(FileType.MP4.isNamedBy("audio/mpeg")).isFalse();
        assertThat(FileType.MOV.isNamedBy("video/mp4")).isFalse();
        assertThat(FileType.MP4.isNamedBy("video/quicktime")).isFalse();
        assertThat(FileType.DOCX.isNamedBy("application/zip")).isFalse();
        assertThat(FileType.TXT.isNamedBy("text/html")).isFalse();
        assertThat(FileType.PNG.isNamedBy("text/html; image/png")).isFalse();
    }

    @Test
    void every_type_has_an_extension_and_the_office_formats_their_own() {
        for (FileType type : FileType.values()) {
            assertThat(type.extensions()).as(type.name()).isNotEmpty();
        }
        assertThat(FileType.DOCX.extensions()).containsExactly("docx");
        assertThat(FileType.MOV.extensions().get(0)).isEqualTo("mov");
        assertThat(FileType.JPEG.extensions().get(0)).isEqualTo("jpg");
    }
}
