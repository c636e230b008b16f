package org.carechat.adapter.filesystem;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carechat.application.port.Blobs;
import org.carechat.domain.attachment.AttachmentId;

/**
 * Attachment bytes as one file per attachment under a root directory. An upload is streamed into a
 * temporary file and moved into place only once complete, so a failed or refused upload leaves nothing
 * behind and a reader never sees half a file. File names come from ids, encoded so that no id can
 * name a path outside the root.
 */
public final class FileSystemBlobs implements Blobs {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;

    public FileSystemBlobs(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
        this.incoming = Files.createDirectories(this.root.resolve(".incoming"));
    }

    public Path root() {
        return root;
    }

    @Override
    public long write(AttachmentId id, InputStream content) throws IOException {
        Path partial = Files.createTempFile(incoming, "upload-", ".part");
        try {
            long size = 0;
            try (OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = content.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            moveIntoPlace(partial, fileOf(id));
            return size;
        } catch (IOException | RuntimeException failure) {
            Files.deleteIfExists(partial);
            throw failure;
        }
    }

    @Override
    public Optional<InputStream> open(AttachmentId id) throws IOException {
        try {
            return Optional.of(Files.newInputStream(fileOf(id)));
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(AttachmentId id) throws IOException {
        Files.deleteIfExists(fileOf(id));
    }

    private Path fileOf(AttachmentId id) {
        String value = id.value();
        String name = PLAIN.matcher(value).matches() ? value
                : "x" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        return root.resolve(name);
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
