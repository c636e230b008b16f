package org.carechat.adapter.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.carechat.domain.attachment.AttachmentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobsTest {
    @TempDir
    Path directory;

    @Test
    void an_id_that_looks_like_a_path_never_leaves_the_root() throws IOException {
        Path root = directory.resolve("attachments");
        FileSystemBlobs blobs = new FileSystemBlobs(root);

        blobs.write(AttachmentId.of(".."), new ByteArrayInputStream(new byte[] {1, 2, 3}));
        blobs.write(AttachmentId.of("a:b@c.d"), new ByteArrayInputStream(new byte[] {4}));

        try (Stream<Path> outside = Files.list(directory)) {
            assertThat(outside).containsExactly(root);
        }
        try (InputStream in = blobs.open(AttachmentId.of("..")).orElseThrow()) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void a_failed_upload_leaves_no_partial_file_behind() throws IOException {
        FileSystemBlobs blobs = new FileSystemBlobs(directory);
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };

        assertThatThrownBy(() -> blobs.write(AttachmentId.of("a_1"), failing)).isInstanceOf(IOException.class);

        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void files_survive_a_new_instance_on_the_same_directory() throws IOException {
        new FileSystemBlobs(directory).write(AttachmentId.of("a_2"), new ByteArrayInputStream(new byte[] {9, 8}));

        try (InputStream in = new FileSystemBlobs(directory).open(AttachmentId.of("a_2")).orElseThrow()) {
            assertThat(in.readAllBytes()).containsExactly(9, 8);
        }
    }
}
